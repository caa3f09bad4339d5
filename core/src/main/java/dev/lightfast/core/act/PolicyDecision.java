package dev.lightfast.core.act;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.util.List;

/**
 * What policy says of a plan: whether it waits for an approval, and the setting that says so (the
 * built-in default, or the tenant's approval policy, cited by the event that set it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyDecision(boolean approvalRequired, String because, List<Citation> citations) {
    public PolicyDecision {
        citations = citations == null ? List.of() : List.copyOf(citations);
    }
}
