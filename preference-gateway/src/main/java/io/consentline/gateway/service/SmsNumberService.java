package io.consentline.gateway.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.gateway.domain.phone.InvalidPhoneNumberException;
import io.consentline.gateway.domain.phone.PhoneNumbers;
import io.consentline.gateway.domain.sms.SmsNumberNotFoundException;
import io.consentline.gateway.domain.sms.SmsNumberTakenException;
import io.consentline.gateway.repository.SmsNumberEntity;
import io.consentline.gateway.repository.SmsNumberRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A tenant's provider numbers: the {@code To} numbers whose inbound messages are the tenant's. */
@ApplicationScoped
public class SmsNumberService {

    private final SmsNumberRepository numbers;
    private final Clock clock = Clock.systemUTC();

    SmsNumberService(SmsNumberRepository numbers) {
        this.numbers = numbers;
    }

    @WithTransaction
    public Uni<SmsNumberEntity> register(String tenant, String rawNumber) {
        String number = PhoneNumbers.toE164(rawNumber).orElseThrow(() -> new InvalidPhoneNumberException("number"));
        return numbers.findById(number).chain(existing -> {
            if (existing != null) {
                throw new SmsNumberTakenException();
            }
            return numbers.persistAndFlush(
                    SmsNumberEntity.of(number, tenant, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        });
    }

    @WithSession
    public Uni<List<SmsNumberEntity>> list(String tenant) {
        return numbers.listOwned(tenant);
    }

    @WithTransaction
    public Uni<Void> remove(String tenant, String rawNumber) {
        String number = PhoneNumbers.toE164(rawNumber).orElseThrow(SmsNumberNotFoundException::new);
        return numbers.deleteOwned(tenant, number).invoke(deleted -> {
            if (!deleted) {
                throw new SmsNumberNotFoundException();
            }
        }).replaceWithVoid();
    }

    /** The tenant whose number this is; null for a number nobody registered. */
    @WithSession
    public Uni<String> tenantOf(String number) {
        return numbers.findById(number).map(entity -> entity == null ? null : entity.tenant);
    }
}
