package io.consentline.gateway.repository;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.consentline.gateway.domain.site.Category;
import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.domain.site.SiteDefinition;

/** A row of {@code site}: the stored form of a {@link Site}. */
@Entity
@Table(name = "site")
public class SiteEntity {

    @Id
    public String id;

    @Column(nullable = false, updatable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    @Column(name = "allowed_origins", nullable = false)
    public String[] allowedOrigins;

    /** A jsonb array, carried as text: see {@link CategoriesJson}. */
    @Convert(converter = CategoriesJson.class)
    @ColumnTransformer(read = "categories::text", write = "?::text::jsonb")
    @Column(nullable = false)
    public List<Category> categories;

    @Column(name = "policy_version", nullable = false)
    public String policyVersion;

    @Column(name = "policy_url")
    public String policyUrl;

    @Column(name = "consent_lifetime_days", nullable = false)
    public int consentLifetimeDays;

    @Column(name = "sms_purposes", nullable = false)
    public String[] smsPurposes;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static SiteEntity of(Site site) {
        SiteEntity entity = new SiteEntity();
        entity.id = site.id();
        entity.tenant = site.tenant();
        entity.createdAt = site.createdAt();
        entity.apply(site);
        return entity;
    }

    /** Copies the site's changeable state onto this row. */
    public void apply(Site site) {
        SiteDefinition d = site.definition();
        name = d.name();
        allowedOrigins = d.allowedOrigins().toArray(String[]::new);
        categories = d.categories();
        policyVersion = d.policyVersion();
        policyUrl = d.policyUrl();
        consentLifetimeDays = d.consentLifetimeDays();
        smsPurposes = d.smsPurposes().toArray(String[]::new);
        updatedAt = site.updatedAt();
    }

    public Site toSite() {
        return new Site(id, tenant, new SiteDefinition(name, List.of(allowedOrigins), categories, policyVersion, policyUrl,
                consentLifetimeDays, smsPurposes == null ? List.of() : List.of(smsPurposes)), createdAt, updatedAt);
    }
}
