package io.consentline.gateway.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.consentline.gateway.config.GatewayConfig;
import io.consentline.gateway.domain.site.Category;
import io.consentline.gateway.domain.site.SiteDraft;
import io.consentline.gateway.domain.site.SiteIdTakenException;
import io.consentline.kit.logging.FailureText;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The local run's sample site {@code demo}, which the demo page at {@code /demo/} shows the banner for. Made at
 * start-up only when {@code consentline.gateway.demo.enabled}; an existing one is left as it is.
 */
@ApplicationScoped
public class DemoSite {

    public static final String ID = "demo";
    private static final Logger LOG = Logger.getLogger(DemoSite.class);

    private final GatewayConfig config;
    private final SiteService sites;

    DemoSite(GatewayConfig config, SiteService sites) {
        this.config = config;
        this.sites = sites;
    }

    void create(@Observes StartupEvent start) throws Throwable {
        GatewayConfig.Demo demo = config.demo();
        if (!demo.enabled()) {
            return;
        }
        SiteDraft draft = new SiteDraft("Demo shop", List.of(demo.origin()), List.of(
                new Category(Category.NECESSARY, true, Map.of("en", "Keeps the shop working: your basket and login",
                        "de", "Hält den Shop am Laufen: Warenkorb und Anmeldung")),
                new Category("analytics", false, Map.of("en", "Usage statistics that help us improve the shop",
                        "de", "Nutzungsstatistiken, die uns helfen, den Shop zu verbessern")),
                new Category("marketing", false, Map.of("en", "Personalised offers and advertising",
                        "de", "Personalisierte Angebote und Werbung"))),
                "2026-01", demo.origin() + "/demo/", 365, List.of("marketing"));
        // reactive sessions need a Vert.x context, which start-up observers do not run on
        VertxContextSupport.subscribeAndAwait(() -> sites.create(demo.tenant(), ID, draft)
                .onFailure(SiteIdTakenException.class).recoverWithNull()
                .onFailure().invoke(e -> LOG.warnf("demo site not created (%s)", FailureText.of(e)))
                .onFailure().recoverWithNull());
        LOG.infof("demo site '%s' (tenant %s) ready: %s/demo/", ID, demo.tenant(), demo.origin());
    }
}
