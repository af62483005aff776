package io.consentline.gateway.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Provider numbers by number (E.164). Runs in the caller's session or transaction. */
@ApplicationScoped
public class SmsNumberRepository implements PanacheRepositoryBase<SmsNumberEntity, String> {

    public Uni<List<SmsNumberEntity>> listOwned(String tenant) {
        return list("tenant = ?1 order by number", tenant);
    }

    public Uni<Boolean> deleteOwned(String tenant, String number) {
        return delete("number = ?1 and tenant = ?2", number, tenant).map(count -> count > 0);
    }
}
