package io.consentline.gateway.domain.sms;

/** Twilio's reply format: {@code <Response><Message>text</Message></Response>}, or an empty response. */
public final class TwiML {

    public static final String MEDIA_TYPE = "application/xml";

    private TwiML() {
    }

    public static String message(String text) {
        if (text == null || text.isBlank()) {
            return empty();
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escaped(text)
                + "</Message></Response>";
    }

    public static String empty() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    }

    static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
