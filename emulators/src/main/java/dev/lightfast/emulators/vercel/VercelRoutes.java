package dev.lightfast.emulators.vercel;

import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code POST /v1/projects/{id}/rollback/{deploymentId}}, {@code GET /v9/projects/{id}}, {@code GET /v13/deployments/{id}}. */
final class VercelRoutes {
    private static final Pattern ROLLBACK = Pattern.compile("^/v1/projects/([^/]+)/rollback/([^/]+)$");
    private static final Pattern PROJECT = Pattern.compile("^/v9/projects/([^/]+)$");
    private static final Pattern DEPLOYMENT = Pattern.compile("^/v13/deployments/([^/]+)$");

    private final VercelState state;

    VercelRoutes(VercelState state) {
        this.state = state;
    }

    EmulatorResponse route(EmulatorRequest req) {
        Matcher m;
        if (req.method().equals("POST") && (m = ROLLBACK.matcher(req.path())).matches()) {
            return rollback(req, m.group(1), m.group(2));
        }
        if (req.method().equals("GET") && (m = PROJECT.matcher(req.path())).matches()) {
            return state.findProject(m.group(1))
                    .map(p -> EmulatorResponse.json(200, state.projectJson(p)))
                    .orElseGet(() -> VercelEmulator.error(404, "not_found", "Project not found"));
        }
        if (req.method().equals("GET") && (m = DEPLOYMENT.matcher(req.path())).matches()) {
            return state.deployment(m.group(1))
                    .map(d -> EmulatorResponse.json(200, VercelState.deploymentJson(d)))
                    .orElseGet(() -> VercelEmulator.error(404, "not_found", "Deployment not found"));
        }
        return VercelEmulator.error(404, "not_found", "The requested path was not found");
    }

    private EmulatorResponse rollback(EmulatorRequest req, String projectId, String deploymentId) {
        Optional<VercelState.Project> project = state.findProject(projectId);
        if (project.isEmpty()) {
            return VercelEmulator.error(404, "not_found", "Project not found");
        }
        Optional<VercelState.Deployment> to = state.deployment(deploymentId);
        if (to.isEmpty()) {
            return VercelEmulator.error(404, "not_found", "Deployment not found");
        }
        if (!to.get().projectId().equals(project.get().id)) {
            return VercelEmulator.error(
                    400, "bad_request", "Deployment " + deploymentId + " does not belong to project " + projectId);
        }
        state.rollback(project.get(), to.get(), req.query().get("description"));
        return EmulatorResponse.empty(201);
    }
}
