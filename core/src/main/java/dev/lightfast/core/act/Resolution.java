package dev.lightfast.core.act;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.util.List;

/**
 * One step of deciding where and how: what a reference was read as, which tool holds a thing, which
 * tracker or channel the team uses, who a person is in the target tool. Cited like an answer.
 *
 * @param says the step in words ("payments-api issues are tracked in Linear team ENG: 3 of its last 4
 *     issues were linked there")
 * @param citations the events it rests on, each with the source's own URL
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resolution(String says, List<Citation> citations) {
    public Resolution {
        citations = citations == null ? List.of() : List.copyOf(citations);
    }
}
