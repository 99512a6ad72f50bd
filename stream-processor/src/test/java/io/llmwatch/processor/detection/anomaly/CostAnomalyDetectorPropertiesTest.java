package io.llmwatch.processor.detection.anomaly;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants that hold for any input, checked on seeded random series of every awkward shape. */
class CostAnomalyDetectorPropertiesTest {

    private static final int OBSERVATIONS = 3_000;
    private static final AnomalySettings SETTINGS = AnomalySettings.DEFAULTS;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void scoresStayInTheUnitIntervalAndOnlyRiseWithinAQuietPeriod(long seed) {
        Random random = new Random(seed);
        AwkwardSeries series = AwkwardSeries.values()[(int) (seed % AwkwardSeries.values().length)];
        DetectorRun run = new DetectorRun(SETTINGS);
        long timestamp = random.nextLong() / 2;
        double previous = 0;
        for (int i = 0; i < OBSERVATIONS; i++) {
            timestamp += series.gapMillis(random);
            previous = series.next(previous, random);
            run.observe(timestamp, previous);
        }

        List<Double> scores = run.scoresFrom(0);
        assertThat(scores).allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
        assertThat(scores.subList(0, SETTINGS.warmUpObservations())).containsOnly(0.0);
        assertThat(nonZeroScoresThatDoNotBeatTheQuietPeriod(scores)).isEmpty();
    }

    /** A non-zero score must beat every score of the quiet period before it; these do not. */
    private static List<Integer> nonZeroScoresThatDoNotBeatTheQuietPeriod(List<Double> scores) {
        List<Integer> offenders = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            double score = scores.get(i);
            List<Double> quietPeriod = scores.subList(Math.max(0, i - SETTINGS.quietObservations()), i);
            if (score > 0 && quietPeriod.stream().anyMatch(earlier -> earlier >= score)) {
                offenders.add(i);
            }
        }
        return offenders;
    }

    private enum AwkwardSeries {
        RANDOM_WALK {
            @Override
            double next(double previous, Random random) {
                return previous + random.nextGaussian();
            }
        },
        HEAVY_TAILED_SPIKES {
            @Override
            double next(double previous, Random random) {
                return 5 + Math.pow(random.nextDouble(), -2);
            }
        },
        MOSTLY_ZERO_WITH_RARE_BURSTS {
            @Override
            double next(double previous, Random random) {
                return random.nextInt(200) == 0 ? 1e6 * random.nextDouble() : 0;
            }
        },
        TINY_AND_NEGATIVE {
            @Override
            double next(double previous, Random random) {
                return -1e-12 * random.nextDouble();
            }
        },
        HUGE_LEVEL_SHIFTS {
            @Override
            double next(double previous, Random random) {
                return random.nextInt(500) == 0 ? 1e15 * random.nextGaussian() : previous + random.nextGaussian();
            }
        },
        OUT_OF_ORDER_AND_DUPLICATE_TIMESTAMPS {
            @Override
            double next(double previous, Random random) {
                return 100 + 10 * Math.sin(previous) + random.nextGaussian();
            }

            @Override
            long gapMillis(Random random) {
                return (random.nextInt(3) - 1) * Duration.ofMinutes(7).toMillis();
            }
        };

        abstract double next(double previous, Random random);

        /** Irregular gaps between observations, from a millisecond to two hours. */
        long gapMillis(Random random) {
            return 1 + (long) (random.nextDouble() * Duration.ofHours(2).toMillis());
        }
    }
}
