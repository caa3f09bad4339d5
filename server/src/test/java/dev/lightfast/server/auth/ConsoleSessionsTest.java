package dev.lightfast.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.tenant.Caller;
import dev.lightfast.core.tenant.Scope;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    private final MovingClock clock = new MovingClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final ConsoleSessions sessions = new ConsoleSessions(clock);

    private static Caller signedIn(TenantId tenant) {
        return new Caller(tenant, "key_" + tenant.value(), Scope.ALL);
    }

    @Test
    void a_session_reads_with_its_cookie_alone_and_belongs_to_its_tenant() {
        var started = sessions.start(signedIn(ACME));
        assertThat(started.cookie()).isNotEqualTo(started.view().csrfToken()).hasSizeGreaterThan(40);
        assertThat(sessions.authorize(started.cookie(), "GET", null)).isEqualTo(ACME);
        assertThat(sessions.find(started.cookie()).orElseThrow().csrfToken())
                .isEqualTo(started.view().csrfToken());
    }

    @Test
    void a_change_needs_the_sessions_own_csrf_token() {
        var acme = sessions.start(signedIn(ACME));
        var globex = sessions.start(signedIn(GLOBEX));
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertThatThrownBy(() -> sessions.authorize(acme.cookie(), method, null))
                    .isInstanceOfSatisfying(
                            ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> sessions.authorize(
                            acme.cookie(), method, globex.view().csrfToken()))
                    .isInstanceOfSatisfying(
                            ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThat(sessions.authorize(acme.cookie(), method, acme.view().csrfToken()))
                    .isEqualTo(ACME);
        }
    }

    @Test
    void an_unknown_or_ended_cookie_is_a_401() {
        var started = sessions.start(signedIn(ACME));
        assertThatThrownBy(() -> sessions.authorize("made-up", "GET", null))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
        sessions.end(started.cookie());
        assertThat(sessions.find(started.cookie())).isEmpty();
        assertThatThrownBy(() -> sessions.authorize(started.cookie(), "GET", null))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void a_session_ends_when_idle_and_at_the_end_of_its_lifetime_even_when_used() {
        var idle = sessions.start(signedIn(ACME));
        var busy = sessions.start(signedIn(ACME));
        for (Duration step = Duration.ZERO;
                step.compareTo(ConsoleSessions.LIFETIME) < 0;
                step = step.plus(Duration.ofHours(1))) {
            assertThat(sessions.find(busy.cookie())).isPresent();
            clock.advance(Duration.ofHours(1));
            if (step.plusHours(1).compareTo(ConsoleSessions.IDLE) >= 0) {
                assertThat(sessions.find(idle.cookie()))
                        .as("idle after %s", step)
                        .isEmpty();
            }
        }
        assertThat(sessions.find(busy.cookie())).isEmpty();
    }

    @Test
    void a_tenant_keeps_a_bounded_number_of_sessions_and_loses_its_oldest_first() {
        var first = sessions.start(signedIn(ACME));
        var other = sessions.start(signedIn(GLOBEX));
        for (int i = 0; i < ConsoleSessions.PER_TENANT; i++) {
            clock.advance(Duration.ofSeconds(1));
            sessions.start(signedIn(ACME));
        }
        assertThat(sessions.open(ACME)).isEqualTo(ConsoleSessions.PER_TENANT);
        assertThat(sessions.find(first.cookie())).isEmpty();
        assertThat(sessions.find(other.cookie())).isPresent();
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
