package io.consentline.gateway.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.consentline.gateway.domain.sms.TwiML;
import io.consentline.gateway.service.InboundSmsService;
import io.consentline.gateway.service.InboundSmsService.InboundSms;
import io.consentline.kit.problem.Problem;
import io.consentline.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Twilio's inbound-message webhook: point a Twilio number's "A message comes in" at this URL. Public, but only
 * calls signed with the account's auth token are read.
 */
@Path("/v1/sms/inbound")
@Tag(name = "SMS", description = "Public: inbound SMS (provider webhook) and one-time-code opt-in")
public class SmsWebhookResource {

    private final InboundSmsService inbound;

    SmsWebhookResource(InboundSmsService inbound) {
        this.inbound = inbound;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(TwiML.MEDIA_TYPE)
    @Operation(summary = "Receive an inbound SMS (Twilio webhook)",
            description = "STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT (and equivalents in other languages, and "
                    + "clear free-text opt-outs) record a blanket SMS opt-out; START, UNSTOP, YES lift it; HELP is "
                    + "answered. Answers TwiML with the reply after Kafka acknowledged what was recorded.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            examples = @ExampleObject(name = "STOP", value = "MessageSid=SM1234&From=%2B447911123456&To=%2B447700900123&Body=STOP")))
    @APIResponse(responseCode = "200", description = "TwiML with the reply text",
            content = @Content(mediaType = TwiML.MEDIA_TYPE, examples = @ExampleObject(name = "opt-out", value =
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>You have been unsubscribed and will "
                            + "receive no more messages. Reply START to resubscribe.</Message></Response>")))
    @APIResponse(responseCode = "400", description = "A required field is missing (after a valid signature)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "No or wrong X-Twilio-Signature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Not recorded (Kafka unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<String> receive(MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        Map<String, List<String>> params = form == null ? Map.of() : form;
        inbound.verifySignature(uri.getRequestUri().toString(), params, signature);
        InboundSms sms = new InboundSms(required(params, "MessageSid"), required(params, "From"),
                required(params, "To"), first(params, "Body"));
        return inbound.receive(sms).map(TwiML::message);
    }

    private static String required(Map<String, List<String>> params, String name) {
        String value = first(params, name);
        if (value == null || value.isBlank() || value.length() > 256) {
            throw ProblemException.invalidField(name, name + " is required");
        }
        return value;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
