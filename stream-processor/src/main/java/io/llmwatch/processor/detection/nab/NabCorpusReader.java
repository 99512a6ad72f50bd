package io.llmwatch.processor.detection.nab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads NAB's data layout: {@code <dataDir>/<category>/<series>.csv} files of {@code timestamp,value} rows, and
 * {@code combined_windows.json}, which maps each file's relative path to its windows as
 * {@code [[firstTimestamp, lastTimestamp], ...]}.
 *
 * <p>Like NAB, a window edge must be the exact timestamp of a record. Every data file needs an entry in the
 * windows file (an empty list when it has no anomaly); entries for files not under {@code dataDir} are ignored, so
 * a subset of the corpus can be scored with the full label file.
 */
public final class NabCorpusReader {

    private static final String HEADER = "timestamp,value";
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private NabCorpusReader() {
    }

    /** Every data file under {@code dataDir}, ordered by relative path so runs are reproducible. */
    public static List<NabSeries> read(Path dataDir, Path windowsFile) {
        Map<String, List<List<String>>> windowsByPath = readWindows(windowsFile);
        List<NabSeries> corpus = new ArrayList<>();
        for (Path file : dataFiles(dataDir)) {
            String relativePath = dataDir.relativize(file).toString().replace('\\', '/');
            List<List<String>> windowEdges = windowsByPath.get(relativePath);
            if (windowEdges == null) {
                throw new IllegalArgumentException(windowsFile + " has no entry for " + relativePath);
            }
            corpus.add(readSeries(file, relativePath, windowEdges));
        }
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("no .csv files under " + dataDir);
        }
        return corpus;
    }

    private static Map<String, List<List<String>>> readWindows(Path windowsFile) {
        try {
            return new ObjectMapper().readValue(windowsFile.toFile(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read windows from " + windowsFile, e);
        }
    }

    private static List<Path> dataFiles(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dataDir, e);
        }
    }

    private static NabSeries readSeries(Path file, String relativePath, List<List<String>> windowEdges) {
        int slash = relativePath.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(file + " is not inside a category folder");
        }
        List<NabRecord> records = readRecords(file);
        Map<Long, Integer> rowByMillis = new HashMap<>();
        for (int row = 0; row < records.size(); row++) {
            rowByMillis.put(records.get(row).epochMillis(), row);
        }
        List<AnomalyWindow> windows = new ArrayList<>();
        for (List<String> edges : windowEdges) {
            if (edges.size() != 2) {
                throw new IllegalArgumentException(relativePath + ": a window needs two timestamps, got " + edges);
            }
            windows.add(new AnomalyWindow(row(rowByMillis, edges.get(0), relativePath),
                    row(rowByMillis, edges.get(1), relativePath)));
        }
        String category = relativePath.substring(0, slash);
        String name = relativePath.substring(slash + 1, relativePath.length() - ".csv".length());
        return new NabSeries(category, name, records, windows);
    }

    private static int row(Map<Long, Integer> rowByMillis, String timestamp, String relativePath) {
        Integer row = rowByMillis.get(epochMillis(timestamp));
        if (row == null) {
            throw new IllegalArgumentException(
                    relativePath + ": window edge " + timestamp + " is not the timestamp of a record");
        }
        return row;
    }

    private static List<NabRecord> readRecords(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            List<String> rows = lines.filter(line -> !line.isBlank()).toList();
            if (rows.isEmpty() || !rows.get(0).strip().equals(HEADER)) {
                throw new IllegalArgumentException(file + " must start with the header '" + HEADER + "'");
            }
            List<NabRecord> records = new ArrayList<>(rows.size() - 1);
            for (String row : rows.subList(1, rows.size())) {
                records.add(parse(row, file));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static NabRecord parse(String row, Path file) {
        String[] fields = row.split(",", -1);
        if (fields.length != 2) {
            throw new IllegalArgumentException(file + ": expected timestamp,value but got '" + row + "'");
        }
        String timestamp = fields[0].strip();
        return new NabRecord(timestamp, epochMillis(timestamp), Double.parseDouble(fields[1].strip()));
    }

    private static long epochMillis(String timestamp) {
        return LocalDateTime.parse(timestamp.strip(), TIMESTAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
