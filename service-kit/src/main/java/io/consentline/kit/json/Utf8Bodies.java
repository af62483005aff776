package io.consentline.kit.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import io.consentline.kit.problem.Problem;
import io.consentline.kit.problem.ProblemException;

/**
 * JSON bodies must be UTF-8 (RFC 8259 § 8.1). Jackson decodes some invalid sequences leniently (an overlong NUL,
 * an encoded surrogate), which would turn a corrupted member name into an unknown one and its value into
 * nothing: such a body is refused whole, naming {@code body}. JSON bodies are capped (BodySizeLimit), so they
 * are checked in memory; streamed uploads (NDJSON, CSV, text) are not JSON bodies and are left alone.
 */
@Provider
public class Utf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !isJson(type)) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body is not UTF-8",
                    "body");
        }
        InputStream again = new ByteArrayInputStream(body);
        context.setInputStream(again);
        return context.proceed();
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")
                || Problem.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype());
    }
}
