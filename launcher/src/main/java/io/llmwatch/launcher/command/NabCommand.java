package io.llmwatch.launcher.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.processor.detection.anomaly.AnomalySettings;
import io.llmwatch.processor.detection.nab.NabBenchmark;
import io.llmwatch.processor.detection.nab.NabResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./llmwatch nab}: runs the cost-anomaly detector the topology uses, with its one default
 * parameter set, over the Numenta Anomaly Benchmark corpus and scores it by NAB's rules.
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
        description = {"Score the cost-anomaly detector on the Numenta Anomaly Benchmark.",
                "Writes OUT/<category>/llmwatch_<series>.csv (timestamp,value,anomaly_score,label) and prints",
                "{\"standard\":{\"score\",\"threshold\"},\"reward_low_FP_rate\":{...},\"reward_low_FN_rate\":{...}}."})
public final class NabCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "NAB data directory: <category>/<series>.csv.")
    Path dataDirectory;

    @Option(names = "--windows", required = true, paramLabel = "FILE", description = "NAB's combined_windows.json.")
    Path windowsFile;

    @Option(names = "--profiles", paramLabel = "FILE",
            description = "NAB's profiles.json (default: profiles.json beside the windows file).")
    Path profilesFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the scored series.")
    Path outDirectory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path profiles = profilesFile != null ? profilesFile : windowsFile.toAbsolutePath().resolveSibling("profiles.json");
        for (Path required : new Path[] {dataDirectory, windowsFile, profiles}) {
            if (!Files.exists(required)) {
                throw new IllegalArgumentException("no such file or directory: " + required);
            }
        }
        NabResult result = new NabBenchmark(AnomalySettings.DEFAULTS).run(dataDirectory, windowsFile, profiles, outDirectory);
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(result));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
