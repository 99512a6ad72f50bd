package io.llmwatch.agent;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.llmwatch.agent.export.ExportPipeline;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * The agent runs inside other people's applications: its rules as code, so a change that breaks them fails
 * the build instead of a user's production.
 */
class AgentArchitectureTest {

    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.llmwatch.agent");

    /** Reading or writing files, sockets or channels: what a recording thread must never do. */
    private static final DescribedPredicate<JavaClass> DOING_IO = new DescribedPredicate<>("do file or network I/O") {
        @Override
        public boolean test(JavaClass type) {
            String name = type.getName();
            return type.getPackageName().startsWith("java.nio.channels") || type.getPackageName().startsWith("java.nio.file")
                    || type.getPackageName().startsWith("java.net")
                    || type.getPackageName().equals("java.io") && (name.endsWith("Stream") || name.endsWith("Reader")
                    || name.endsWith("Writer") || name.startsWith("java.io.File") || name.startsWith("java.io.RandomAccess"))
                    || name.startsWith("org.apache.kafka.clients.producer.");
        }
    };

    /** The classes a call to record, feedback or a span's methods runs through on the application's thread. */
    private static final List<String> CALLING_THREAD_CLASSES = List.of(LlmCall.class.getName(), TraceSpan.class.getName(),
            Attribution.class.getName(), TokenUsage.class.getName(), RequestParams.class.getName(), TraceIds.class.getName(),
            TelemetryValidator.class.getName(), OutboundSpan.class.getName(), OutboundFeedback.class.getName(),
            "io.llmwatch.agent.export.ExportQueue", "io.llmwatch.agent.export.ExportCounters");

    @Test
    void theAgentNeverDependsOnKafkaStreamsOrALoggingBackend() {
        ArchRule rule = noClasses().that().resideInAPackage("io.llmwatch.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.streams..", "ch.qos.logback..");

        rule.check(AGENT);
    }

    @Test
    void classesOnTheRecordingPathDoNoIo() {
        ArchRule rule = noClasses().that(DescribedPredicate.describe("are on the recording path",
                        (JavaClass type) -> CALLING_THREAD_CLASSES.contains(type.getName())))
                .should().dependOnClassesThat(DOING_IO)
                .because("the application's thread only builds an event and offers it to the queue");

        rule.check(AGENT);
    }

    @Test
    void theRecordingMethodsOfTheClientAndThePipelineDoNoIo() {
        // Both touch files and producers at start-up and close, but never while recording.
        recordingMethodsDoNoIo(LlmWatch.class, "record|feedback|startSpan|submit|counters").check(AGENT);
        recordingMethodsDoNoIo(ExportPipeline.class, "offer|reject|counters").check(AGENT);
    }

    private static ArchRule recordingMethodsDoNoIo(Class<?> type, String methodNames) {
        return methods().that().areDeclaredIn(type).and().haveNameMatching(methodNames)
                .should(new ArchCondition<>("do no I/O") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        method.getAccessesFromSelf().stream()
                                .filter(access -> DOING_IO.test(access.getTargetOwner()))
                                .forEach(access -> events.add(SimpleConditionEvent.violated(method, access.getDescription())));
                    }
                });
    }
}
