package dev.lightfast.core.act;

import java.util.List;

/** One call of a plan, in order, with why it was chosen. */
public record PlannedCall(int index, ToolCall call, String why, List<Resolution> because) {
    public PlannedCall {
        because = List.copyOf(because);
    }
}
