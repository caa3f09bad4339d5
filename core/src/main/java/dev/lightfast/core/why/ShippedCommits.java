package dev.lightfast.core.why;

import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;

/**
 * Which commits a deployment shipped, each with the link that says so. A deployment's tool names one
 * commit (asserted); the commits its branch received since the previous deployment to the same
 * environment shipped with it too, which is inferred. Why-chains read deployments through this one
 * interface, so a better inference can replace the one here.
 */
public interface ShippedCommits {

    /** A commit the deployment shipped and the step from the deployment back to it. */
    record Shipped(Entity commit, Chain.Step link) {}

    /** The deployment's commits, the one it names first; empty when the graph cannot tell. */
    List<Shipped> of(TenantId tenant, Entity deployment, AsOf asOf);
}
