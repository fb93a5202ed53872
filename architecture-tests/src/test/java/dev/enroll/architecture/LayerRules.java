package dev.enroll.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules, written once and parameterised by the base package, so that the very
 * same definitions judge the production code ({@code dev.enroll}) and the deliberately wrong
 * fixture in the test sources: a rule that cannot be shown to fail on the fixture proves nothing
 * when it passes on the real code.
 *
 * <p>Every rule expects the layout {@code <base>.domain}, {@code <base>.application.port},
 * {@code <base>.application.service}, {@code <base>.adapter.http},
 * {@code <base>.adapter.persistence} and {@code <base>.bootstrap}.
 */
final class LayerRules {

    /** What only the HTTP adapter may speak: the web server, JSON, JWTs and the rate limits' token buckets. */
    static final String[] HTTP_FRAMEWORKS = {
        "io.javalin..",
        // Javalin runs on Jetty; configuring Jetty directly is Javalin leaking by another name.
        "org.eclipse.jetty..",
        "com.fasterxml.jackson..",
        "com.nimbusds..",
        "io.github.bucket4j..",
    };

    /** In-process caches: copies of what an adapter reads (checked tokens, partners), kept by the adapter. */
    static final String CACHES = "com.github.benmanes.caffeine..";

    /**
     * What only the persistence adapter may speak: SQL, the pool, migrations, the driver, ids,
     * and the unpacking of the embedded PostgreSQL's binaries.
     */
    static final String[] PERSISTENCE_FRAMEWORKS = {
        "java.sql..",
        "javax.sql..",
        "com.zaxxer.hikari..",
        "org.flywaydb..",
        "org.postgresql..",
        "com.fasterxml.uuid..",
        "org.apache.commons.compress..",
        "org.tukaani..",
    };

    /** What only bootstrap may speak: it owns the command line, and drawing progress on a terminal is part of that. */
    static final String[] COMMAND_LINE_FRAMEWORKS = {
        "picocli..",
        "me.tongfei.progressbar..",
    };

    private LayerRules() {
    }

    /**
     * Dependencies point inwards: domain, then ports, then services, then the adapters, and no
     * adapter knows another.
     *
     * <p>The application ports stand in Palermo's "domain services" ring rather than next to the
     * services: that is where his onion keeps repository interfaces, and it buys the rule that a
     * port never depends on the service implementing it.
     *
     * <p>Bootstrap is the composition root and has to see every layer to wire them, so its
     * outgoing dependencies are ignored here; {@link #nothingDependsOnBootstrap} guards the other
     * direction and the framework rules keep it from doing an adapter's work.
     *
     * <p>Every layer must have classes and every class outside bootstrap must belong to a layer:
     * otherwise a package renamed out of its layer, or a module missing from this module's class
     * path, would leave the other rules with nothing to check and the build green.
     */
    static ArchRule onion(String base) {
        return onionArchitecture()
                .domainModels(base + ".domain..")
                .domainServices(base + ".application.port..")
                .applicationServices(base + ".application.service..")
                .adapter("http", base + ".adapter.http..")
                .adapter("persistence", base + ".adapter.persistence..")
                .ignoreDependency(resideInAPackage(base + ".bootstrap.."), alwaysTrue())
                .ensureAllClassesAreContainedInArchitectureIgnoring(base + ".bootstrap..")
                .withOptionalLayers(false);
    }

    /**
     * The onion only says who may depend on the domain; this says what the domain itself may
     * use. Annotations count too, so a Jackson or JPA annotation on a domain record fails here.
     * {@code java..} includes {@code java.sql}; JDBC is kept out of the domain by
     * {@link #persistenceFrameworksOnlyInPersistenceAdapter}.
     */
    static ArchRule domainUsesOnlyTheJdk(String base) {
        return classes().that().resideInAPackage(base + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(base + ".domain..", "java..")
                .because("the domain model must compile and be tested without any library");
    }

    /**
     * So Micrometer, too, stays out of the use cases: what they do is counted by the adapters
     * that call and implement them (LayerRulesTest shows this rule refusing it).
     *
     * <p>libphonenumber is the one library allowed in: validating phone numbers is a business rule
     * and re-implementing the numbering plans would be worse than the dependency. The JDK's
     * {@code javax.crypto} is the JDK: list cursors are sealed where they are made (ListCursor).
     */
    static ArchRule applicationUsesOnlyDomainJdkAndPhoneNumbers(String base) {
        return classes().that().resideInAPackage(base + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        base + ".domain..",
                        base + ".application..",
                        "java..",
                        "javax.crypto..",
                        "com.google.i18n.phonenumbers..")
                .because("use cases must run the same behind any adapter and in plain unit tests");
    }

    /**
     * Bootstrap is not exempt: it should ask the HTTP adapter for a started server rather than
     * build a Javalin app itself, so that "where HTTP ends" is the adapter's package boundary.
     */
    static ArchRule httpFrameworksOnlyInHttpAdapter(String base) {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(base + ".adapter.http..")
                .should().dependOnClassesThat().resideInAnyPackage(HTTP_FRAMEWORKS)
                .because("HTTP, JSON and JWT handling belong to the HTTP adapter");
    }

    /**
     * Bootstrap is not exempt: it should ask the persistence adapter for its stores (and pass it
     * plain configuration values), not hold a {@code DataSource} or run Flyway itself.
     */
    static ArchRule persistenceFrameworksOnlyInPersistenceAdapter(String base) {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(base + ".adapter.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_FRAMEWORKS)
                .because("SQL, pooling, migrations and id generation belong to the persistence adapter");
    }

    /** Domain and application are kept to the JDK by the rules above; this keeps caches out of bootstrap too. */
    static ArchRule cachesOnlyInAdapters(String base) {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(base + ".adapter..")
                .should().dependOnClassesThat().resideInAnyPackage(CACHES)
                .because("a cache is a copy an adapter keeps of what it reads or checks");
    }

    /** The command line (options, progress bars) is bootstrap's; an adapter or use case printing one would be a second CLI. */
    static ArchRule commandLineFrameworksOnlyInBootstrap(String base) {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(base + ".bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND_LINE_FRAMEWORKS)
                .because("the command line belongs to bootstrap");
    }

    /**
     * Adapters drive and implement ports; the service classes are an implementation detail that
     * only bootstrap instantiates. An adapter calling a service directly would bypass the port
     * and tie the adapter to one implementation.
     */
    static ArchRule adaptersUsePortsNotServices(String base) {
        return noClasses().that().resideInAPackage(base + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(base + ".application.service..")
                .because("adapters talk to the application through its ports");
    }

    /** The composition root sits on top; anything reaching into it inverts the wiring. */
    static ArchRule nothingDependsOnBootstrap(String base) {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(base + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(base + ".bootstrap..")
                .because("only bootstrap knows how the parts are put together");
    }

    /**
     * One slice per package ({@code (**)} captures the whole package name below the base).
     * Per-module slices would add nothing, the onion already orders the layers; the per-package
     * grain catches what the onion cannot see: cycles inside a layer, such as between two
     * aggregates' packages or between two packages of one adapter. The production code is
     * acyclic at this grain, so the rule has no false positives to explain away.
     */
    static ArchRule noPackageCycles(String base) {
        return slices().matching(base + ".(**)")
                .should().beFreeOfCycles()
                .because("packages in a cycle can only be understood, tested and moved together");
    }

    /** These suffixes name no role; STYLE.md names classes after what they do. */
    static ArchRule noMeaninglessClassNameSuffixes(String base) {
        return noClasses().that().resideInAPackage(base + "..")
                .should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .because("a class is named after its role, e.g. CreateUserService, never CreateUserServiceImpl");
    }
}
