package io.consentline.testsupport.badinput;

import net.jqwik.api.Arbitrary;

/** Bad input every operation shares, whatever its body: media types it neither reads nor writes. */
public final class CommonCases {

    private CommonCases() {
    }

    /** The valid request sent with a Content-Type the operation does not read: 415 naming Content-Type. */
    public static Arbitrary<BadCase> wrongContentType(BadCase valid) {
        return BadInputs.notJsonMediaType().map(type -> valid.header("Content-Type", type)
                .label(valid.label() + ": Content-Type " + type).field("Content-Type").status(415));
    }

    /** The request with an Accept the operation cannot produce: 406 naming Accept. */
    public static Arbitrary<BadCase> unacceptable(BadCase valid) {
        return BadInputs.unproducibleMediaType().map(type -> valid.header("Accept", type)
                .label(valid.label() + ": Accept " + type).field("Accept").status(406));
    }
}
