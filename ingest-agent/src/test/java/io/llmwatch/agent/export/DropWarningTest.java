package io.llmwatch.agent.export;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DropWarningTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Logger logger = (Logger) LoggerFactory.getLogger(DropWarning.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ExportCounters counters = new ExportCounters(new ExportQueue(1), null);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void aFloodOfDropsGivesOneWarningPerInterval() {
        DropWarning warning = new DropWarning(counters, INTERVAL, 0);
        for (int i = 0; i < 1_000; i++) {
            counters.dropped(DropReason.QUEUE_FULL, null);
            warning.reportIfDue(i);
        }
        counters.dropped(DropReason.INVALID, "negative token count");
        warning.reportIfDue(INTERVAL.toNanos() - 1);

        assertThat(log.list).hasSize(1);
        assertThat(log.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(log.list.get(0).getFormattedMessage()).contains("queue_full=1");
    }

    @Test
    void theNextIntervalReportsOnlyWhatWasLostSinceTheLastWarning() {
        DropWarning warning = new DropWarning(counters, INTERVAL, 0);
        counters.dropped(DropReason.QUEUE_FULL, null);
        warning.reportIfDue(1);
        counters.dropped(DropReason.INVALID, "negative token count");
        counters.dropped(DropReason.INVALID, "negative token count");
        counters.failed("broker unreachable");

        warning.reportIfDue(1 + INTERVAL.toNanos());

        assertThat(log.list).hasSize(2);
        assertThat(log.list.get(1).getFormattedMessage())
                .contains("{invalid=2}")
                .contains("1 failed to send")
                .contains("send failed: broker unreachable");
    }

    @Test
    void saysNothingWhenNothingWasLost() {
        DropWarning warning = new DropWarning(counters, INTERVAL, 0);
        counters.sent(false);

        warning.reportIfDue(INTERVAL.toNanos() * 10);

        assertThat(log.list).isEmpty();
    }
}
