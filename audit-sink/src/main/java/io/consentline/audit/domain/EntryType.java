package io.consentline.audit.domain;

import java.util.Locale;

import io.consentline.audit.domain.chain.EventEntries;
import io.consentline.events.EventTypes;

/** The kinds of entries in the log, by their short name in the API and their event type in the log. */
public enum EntryType {
    CHANGE(EventTypes.CHANGED),
    SUBMISSION(EventTypes.SUBMISSION),
    ERASURE(EventEntries.ERASURE);

    private final String eventType;

    EntryType(String eventType) {
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when the name is no entry type. */
    public static EntryType fromWireName(String name) {
        for (EntryType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** Null for an event type this version does not know. */
    public static EntryType ofEventType(String eventType) {
        for (EntryType type : values()) {
            if (type.eventType.equals(eventType)) {
                return type;
            }
        }
        return null;
    }
}
