package dev.lightfast.emulators.vercel;

import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Projects, their production deployments, which one serves production, and the rollbacks made. */
public final class VercelState {
    public record Deployment(String id, String projectId, String url, Instant createdAt) {}

    public record Rollback(String projectId, String from, String to, String description) {}

    public static final class Project {
        final String id;
        final String name;
        final List<Deployment> deployments = new ArrayList<>();
        String production;

        Project(String id, String name) {
            this.id = id;
            this.name = name;
        }

        public String production() {
            return production;
        }
    }

    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final List<Rollback> rollbacks = new ArrayList<>();

    public synchronized VercelState project(String id, String name) {
        projects.putIfAbsent(id, new Project(id, name));
        return this;
    }

    /** Adds a ready production deployment; the newest one serves production. */
    public synchronized VercelState deployment(String projectId, String deploymentId) {
        Project p = projects.get(projectId);
        var d = new Deployment(
                deploymentId,
                projectId,
                p.name + "-" + deploymentId.replace("dpl_", "").toLowerCase() + ".vercel.app",
                Instant.now());
        p.deployments.add(d);
        deployments.put(deploymentId, d);
        p.production = deploymentId;
        return this;
    }

    /** By id or by name, as Vercel resolves {@code idOrName}. */
    public synchronized Optional<Project> findProject(String idOrName) {
        Project byId = projects.get(idOrName);
        return byId != null
                ? Optional.of(byId)
                : projects.values().stream()
                        .filter(p -> p.name.equals(idOrName))
                        .findFirst();
    }

    public synchronized Optional<Deployment> deployment(String id) {
        return Optional.ofNullable(deployments.get(id));
    }

    public synchronized List<Rollback> rollbacks() {
        return List.copyOf(rollbacks);
    }

    synchronized void rollback(Project p, Deployment to, String description) {
        rollbacks.add(new Rollback(p.id, p.production, to.id(), description));
        p.production = to.id();
    }

    static ObjectNode deploymentJson(Deployment d) {
        return Json.MAPPER
                .createObjectNode()
                .put("id", d.id())
                .put("uid", d.id())
                .put("url", d.url())
                .put("projectId", d.projectId())
                .put("target", "production")
                .put("readyState", "READY")
                .put("createdAt", d.createdAt().toEpochMilli())
                .put("inspectorUrl", "https://vercel.com/emulated/" + d.projectId() + "/" + d.id());
    }

    synchronized ObjectNode projectJson(Project p) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("id", p.id).put("name", p.name);
        if (p.production != null) {
            n.putObject("targets").set("production", deploymentJson(deployments.get(p.production)));
        }
        ArrayNode latest = n.putArray("latestDeployments");
        p.deployments.reversed().forEach(d -> latest.add(deploymentJson(d)));
        return n;
    }

    public synchronized ObjectNode toJson() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode ps = out.putArray("projects");
        projects.values().forEach(p -> ps.add(projectJson(p)));
        out.set("rollbacks", Json.MAPPER.valueToTree(rollbacks));
        return out;
    }
}
