package dev.lightfast.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.MentionScanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SaidClaimsTest {
    private static final Instant AT = Instant.parse("2026-11-17T10:46:00Z");
    private static final Pattern THING = Pattern.compile("(PR-\\d+|ENG-\\d+|INC-\\d+|DEPLOY-\\d+)");

    /** Things named like PR-1 (a pull request), ENG-1 (an issue), INC-1 (an incident), DEPLOY-1. */
    private static final MentionScanner SCANNER = text -> {
        List<EntityRef> out = new ArrayList<>();
        Matcher m = THING.matcher(text);
        while (m.find()) {
            String kind = switch (m.group(1).substring(0, m.group(1).indexOf('-'))) {
                case "PR" -> "pull_request";
                case "ENG" -> "issue";
                case "INC" -> "incident";
                default -> "deployment";
            };
            out.add(EntityRef.of(kind, "test:" + m.group(1), m.group(1)));
        }
        return out;
    };

    private static List<String> said(String text) {
        return SaidClaims.inMessage(text, SCANNER, AT, "Sam").stream()
                .map(ClaimDraft::toString)
                .map(s -> s.replaceAll(".*key=test:([^,]+).*attribute=(\\w+), value=(\\w+).*", "$1 $2=$3"))
                .toList();
    }

    @Test
    void a_phrase_speaks_of_the_things_its_own_sentence_names() {
        assertThat(said("PR-1 is live. ENG-2 waits for review.")).containsExactly("PR-1 shipped=shipped");
        assertThat(said("Rolled back PR-1 and ENG-2 at 10:44."))
                .containsExactly("PR-1 shipped=rolled_back", "ENG-2 shipped=rolled_back");
        assertThat(said("INC-3 is fixed.")).containsExactly("INC-3 state=done");
    }

    @Test
    void negations_questions_and_the_deployment_a_rollback_went_back_to_say_nothing() {
        assertThat(said("PR-1 is not live yet.")).isEmpty();
        assertThat(said("Has PR-1 shipped?")).isEmpty();
        assertThat(said("Rolled back: promoted DEPLOY-9.")).isEmpty();
        assertThat(said("INC-3 shipped.")).as("an incident is not shipped").isEmpty();
    }

    @Test
    void a_person_is_the_speaker_and_the_claim_is_marked_said() {
        var claims = SaidClaims.inMessage("PR-1 went out.", SCANNER, AT, "Sam");
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.said()).isTrue();
            assertThat(c.speaker()).isEqualTo("Sam");
            assertThat(c.stated()).isEqualTo("said \"went out\"");
            assertThat(c.validFrom()).isEqualTo(AT);
        });
    }
}
