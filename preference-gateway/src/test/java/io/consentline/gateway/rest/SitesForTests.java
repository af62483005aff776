package io.consentline.gateway.rest;

/** Lets tests in other packages create sites through the admin API. */
public final class SitesForTests {

    private SitesForTests() {
    }

    public static String create(String tenant) {
        return Sites.create(tenant);
    }
}
