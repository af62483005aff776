package io.consentline.gateway.domain.sms;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an inbound SMS: the industry keywords (CTIA Messaging Principles; the set Twilio also honours) and their
 * common equivalents in other languages, matched as the whole message, case-, accent-, whitespace- and
 * punctuation-insensitive; then clear free-text opt-outs ("please stop texting me", "remove me from your list"),
 * because an opt-out by "any reasonable means" must be honoured (FCC 24-24, 47 CFR § 64.1200(a)(10)). When a
 * message could be read either way, opting out wins: a wrongly recorded opt-out costs a message, a missed one
 * breaks the law.
 */
public final class InboundMessages {

    static final Set<String> OPT_OUT_KEYWORDS = Set.of(
            "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "OPT OUT", "REVOKE", "STOP ALL",
            // French, German, Spanish, Portuguese, Italian, Dutch, Scandinavian, Polish
            "ARRET", "ARRETER", "DESABONNER", "STOPP", "ABMELDEN", "ABBESTELLEN", "BAJA", "ALTO", "PARAR",
            "CANCELAR", "DETENER", "SAIR", "CANCELAR INSCRICAO", "BASTA", "DISISCRIVI", "CANCELLA", "AFMELDEN",
            "UITSCHRIJVEN", "AVSLUTA", "AFMELD", "WYPISZ", "REZYGNUJE");
    static final Set<String> OPT_IN_KEYWORDS = Set.of("START", "UNSTOP", "YES", "SUBSCRIBE");
    static final Set<String> HELP_KEYWORDS = Set.of("HELP", "INFO", "AIDE", "HILFE", "AYUDA", "AJUDA", "AIUTO",
            "HULP");

    /** Free-text opt-outs, by rule id. Tried in order on the normalised, lower-case text. */
    static final Map<String, Pattern> FREE_TEXT_OPT_OUTS = freeTextRules();

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_TEXT = 1600;

    private InboundMessages() {
    }

    public static InboundIntent classify(String body) {
        if (body == null || body.isBlank()) {
            return new InboundIntent.Unrecognised();
        }
        String text = normalised(body.length() > MAX_TEXT ? body.substring(0, MAX_TEXT) : body);
        String keyword = text.toUpperCase(Locale.ROOT);
        if (OPT_OUT_KEYWORDS.contains(keyword)) {
            return new InboundIntent.OptOut("keyword:" + keyword);
        }
        if (OPT_IN_KEYWORDS.contains(keyword)) {
            return new InboundIntent.OptIn("keyword:" + keyword);
        }
        if (HELP_KEYWORDS.contains(keyword)) {
            return new InboundIntent.Help("keyword:" + keyword);
        }
        for (Map.Entry<String, Pattern> rule : FREE_TEXT_OPT_OUTS.entrySet()) {
            if (rule.getValue().matcher(text).find()) {
                return new InboundIntent.OptOut("free-text:" + rule.getKey());
            }
        }
        return new InboundIntent.Unrecognised();
    }

    /** Lower case, accents removed, every run of non-letters a single space, trimmed. */
    static String normalised(String body) {
        String decomposed = Normalizer.normalize(body, Normalizer.Form.NFD);
        String plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(plain).replaceAll(" ").strip();
    }

    private static Map<String, Pattern> freeTextRules() {
        String messages = "(text|texts|texting|txt|txts|txting|message|messages|messaging|msg|msgs|sms|contact|contacting"
                + "|call|calls|calling|spam|spamming|send|sending|email|emails|emailing)";
        Map<String, Pattern> rules = new LinkedHashMap<>();
        // "please stop texting me", "stop sending me messages", "quit messaging"
        rules.put("stop-messaging", Pattern.compile("\\b(stop|quit|cease|end)\\b( \\w+){0,3} " + messages + "\\b"));
        // "don't text me", "do not contact me again", "never message me"
        rules.put("do-not-contact", Pattern.compile("\\b(do not|dont|don t|never|no longer)( \\w+){0,2} " + messages
                + "\\b"));
        // "remove me from your list", "take my number off", "delete my number"
        rules.put("remove-me", Pattern.compile("\\b(remove|delete|take|erase)( \\w+){0,2} (me|my number|my details"
                + "|my phone|this number|my data)\\b"));
        // "unsubscribe me", "opt me out", "I want to opt out"
        rules.put("unsubscribe", Pattern.compile("\\b(unsubscribe|unsub|opt me out|opt out|optout|opting out)\\b"));
        // "no more texts", "no more messages please"
        rules.put("no-more", Pattern.compile("\\bno more " + messages + "\\b"));
        // "leave me alone"
        rules.put("leave-me-alone", Pattern.compile("\\bleave me alone\\b"));
        // "wrong number": the texts reach someone who never agreed
        rules.put("wrong-number", Pattern.compile("\\b(wrong number|not my number|wrong person)\\b"));
        return java.util.Collections.unmodifiableMap(rules);
    }
}
