package io.consentline.gateway.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** Who is calling, as the HTTP layer sees it. */
final class Clients {

    private Clients() {
    }

    /** The peer address; behind a proxy, enable quarkus.http.proxy.proxy-address-forwarding (see README). */
    static String ip(HttpServerRequest http) {
        SocketAddress remote = http.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }
}
