package io.consentline.kit.json;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies are read strictly: an enum is never given by its position ({@code "status": 0} is not GRANTED),
 * nothing may follow the JSON value ({@code {...} trailing} is malformed, not the part before it), and no text
 * holds a NUL character (PostgreSQL cannot store it: it would fail as a 5xx) or half a surrogate pair (it would
 * be stored as '?'); an empty string is no instant, duration, number or flag; and no object names a member twice
 * ({@code "granted": [...], "granted": []}: which value counts would be a guess, and a consent record must say one
 * thing). Unknown members stay allowed, so clients may send more than a version of the API knows.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // "" (or text that trims to nothing, such as NULs) is no instant, duration, number or flag: not absent
        for (LogicalType type : new LogicalType[] { LogicalType.DateTime, LogicalType.OtherScalar, LogicalType.Integer,
                LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.registerModule(new SimpleModule("consentline-strict-text").addDeserializer(String.class, new Text()));
    }

    /** Whether the text can be stored and read back as it is. */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Jackson's own string reading, refusing text that cannot be stored. */
    static final class Text extends StringDeserializer {

        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && !storable(value)) {
                throw InvalidFormatException.from(p, "text with a NUL character or an unpaired surrogate", value,
                        String.class);
            }
            return value;
        }
    }
}
