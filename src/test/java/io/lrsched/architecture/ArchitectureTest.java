package io.lrsched.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/conventions.md ("imports only point down") as rules over the compiled main classes, so that
 * it cannot erode unnoticed. Where today's code breaks a convention, the exceptions are listed by class with the
 * reason, to be removed as issue #20's later parts move the code; a new violation fails the build.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.lrsched");
  }

  private static DescribedPredicate<JavaClass> named(Set<String> simpleNames) {
    return DescribedPredicate.describe("one of " + simpleNames, c -> simpleNames.contains(c.getSimpleName()));
  }

  @Test
  void shouldLetImportsPointOnlyDown() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("cli").definedBy("io.lrsched.cli..")
        .layer("use cases").definedBy("io.lrsched.bench..", "io.lrsched.finder..", "io.lrsched.sweep..")
        .layer("train").definedBy("io.lrsched.train..")
        .layer("middle").definedBy(
            "io.lrsched.data..", "io.lrsched.model..", "io.lrsched.report..", "io.lrsched.results..",
            "io.lrsched.checkpoint..")
        .layer("bottom").definedBy(
            "io.lrsched.config..", "io.lrsched.schedule..", "io.lrsched.storage..", "io.lrsched.nativeops..")
        .layer("error").definedBy("io.lrsched.error..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("use cases").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("train").mayOnlyBeAccessedByLayers("cli", "use cases")
        .whereLayer("middle").mayOnlyBeAccessedByLayers("cli", "use cases", "train")
        .whereLayer("bottom").mayOnlyBeAccessedByLayers("cli", "use cases", "train", "middle")
        .check(classes);
  }

  @Test
  void shouldHaveNoCyclesBetweenPackages() {
    slices().matching("io.lrsched.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void shouldKeepSchedulesPureValues() {
    // a schedule knows nothing of Spark, DL4J, the config library or the rest of the program
    noClasses().that().resideInAPackage("io.lrsched.schedule..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.lrsched.schedule..", "java..")
        .check(classes);
  }

  @Test
  void shouldLeaveTheUserErrorTypeAtTheBottom() {
    noClasses().that().resideInAPackage("io.lrsched.error..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.lrsched.error..", "java..")
        .check(classes);
  }

  @Test
  void shouldReadHoconOnlyInConfig() {
    // frozen: the "config/package-info says config is the only package that reads HOCON" names these three;
    // the run-folder model of issue #20 moves them
    noClasses().that().resideOutsideOfPackage("io.lrsched.config..")
        .and(DescribedPredicate.not(named(Set.of("ModelInput", "RunRecord", "SettingsDiff"))))
        .should().dependOnClassesThat().resideInAPackage("com.typesafe.config..")
        .check(classes);
  }

  @Test
  void shouldTouchHadoopsFileSystemOnlyInStorage() {
    // frozen: ImageFolderSource lists image folders through Hadoop's FileSystem (a table source is being written
    // in parallel), SweepFolder fences its lease with FileSystem calls (the sweep package is being reworked)
    noClasses().that().resideOutsideOfPackage("io.lrsched.storage..")
        .and(DescribedPredicate.not(named(Set.of("ImageFolderSource", "SweepFolder"))))
        .should().dependOnClassesThat().resideInAPackage("org.apache.hadoop.fs..")
        .check(classes);
  }

  @Test
  void shouldTouchSparkOnlyInTrainAndData() {
    // frozen: bench measures Spark itself, lr-find runs its own short Spark loop, and bench's command builds its
    // context; issue #20 moves the Spark context assembly out of these
    noClasses().that().resideOutsideOfPackages("io.lrsched.train..", "io.lrsched.data..")
        .and(DescribedPredicate.not(
            named(Set.of("SparkInference", "SparkThroughput", "BenchCommand", "FinderSample", "LrRangeTest"))))
        .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
        .check(classes);
  }
}
