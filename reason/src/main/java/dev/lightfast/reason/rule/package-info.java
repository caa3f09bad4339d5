/**
 * The team's rules (invariants), judged against the log as it grows: compiled from CEL once
 * ({@link dev.lightfast.reason.rule.RuleCompiler}), judged event by event in {@code seq} order by one
 * evaluator ({@link dev.lightfast.reason.rule.RuleEvaluator}) whether following the log ({@link
 * dev.lightfast.reason.rule.RuleProjection}) or trying a rule on history ({@link
 * dev.lightfast.reason.rule.DryRun}), so both reach the same verdicts. See
 * docs/decisions/0014-rules.md.
 */
package dev.lightfast.reason.rule;
