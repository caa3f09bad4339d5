package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void withNothingSetItServesTheEmbeddedStoreOnPort8080AndProjects() {
        var config = ServerConfig.fromEnvironment(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.postgresUrl()).isNull();
        assertThat(config.projections()).isTrue();
    }

    @Test
    void projectionsCanBeTurnedOffForAnIngestOnlyServer() {
        assertThat(ServerConfig.fromEnvironment(Map.of("LIGHTFAST_PROJECTIONS", "off"))
                        .projections())
                .isFalse();
        assertThat(ServerConfig.fromEnvironment(Map.of("LIGHTFAST_PROJECTIONS", "OFF"))
                        .projections())
                .isFalse();
        assertThat(ServerConfig.fromEnvironment(Map.of("LIGHTFAST_PROJECTIONS", "on"))
                        .projections())
                .isTrue();
        var off = ServerConfig.fromEnvironment(Map.of()).withProjections(false);
        assertThat(off.withPort(0).withPostgresUrl("jdbc:postgresql://db/x").projections())
                .isFalse();
    }

    @Test
    void aBlankPostgresUrlMeansTheEmbeddedStoreAndABadPortIsRefused() {
        assertThat(ServerConfig.fromEnvironment(Map.of("LIGHTFAST_PG_URL", " ")).postgresUrl())
                .isNull();
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of()).withPort(70_000))
                .hasMessageContaining("port");
    }
}
