package io.consentline.gateway.repository;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.gateway.domain.site.Category;

/**
 * Stores a site's categories as a JSON array. Hibernate Reactive cannot bind a top-level JSON array through
 * {@code @JdbcTypeCode(SqlTypes.JSON)} (hibernate/hibernate-reactive#4156: it decodes every JSON value as an
 * object), so the column travels as text and is cast to and from {@code jsonb} in SQL (see {@link SiteEntity}; the
 * cast goes through {@code text}, or the Vert.x client would bind the string as a JSON string).
 */
@Converter
public class CategoriesJson implements AttributeConverter<List<Category>, String> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Category>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Category> categories) {
        try {
            return categories == null ? null : MAPPER.writeValueAsString(categories);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("categories cannot be written as JSON", e);
        }
    }

    @Override
    public List<Category> convertToEntityAttribute(String json) {
        try {
            return json == null ? null : List.copyOf(MAPPER.readValue(json, TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored categories are not valid JSON", e);
        }
    }
}
