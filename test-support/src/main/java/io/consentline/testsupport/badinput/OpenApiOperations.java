package io.consentline.testsupport.badinput;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** The operations a service's OpenAPI document ({@code /q/openapi}) declares, as {@code METHOD /path}. */
public final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiOperations() {
    }

    public static Set<String> of(URI base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).header("Accept", "application/json")
                            .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            Set<String> operations = new TreeSet<>();
            JsonNode paths = Json.parse(response.body()).path("paths");
            for (Iterator<String> p = paths.fieldNames(); p.hasNext();) {
                String path = p.next();
                for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext();) {
                    String method = m.next();
                    if (METHODS.contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                    }
                }
            }
            return operations;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read /q/openapi", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
