package dev.enroll.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.enroll.architecture.fixture.wrong.adapter.http.CustomerRoutes;
import dev.enroll.architecture.fixture.wrong.adapter.http.UploadProgress;
import dev.enroll.architecture.fixture.wrong.adapter.persistence.JdbcCustomerStore;
import dev.enroll.architecture.fixture.wrong.application.port.out.CustomerStore;
import dev.enroll.architecture.fixture.wrong.application.service.CountingCustomerService;
import dev.enroll.architecture.fixture.wrong.application.service.RegisterCustomerService;
import dev.enroll.architecture.fixture.wrong.bootstrap.Wiring;
import dev.enroll.architecture.fixture.wrong.domain.BadlyNamed;
import dev.enroll.architecture.fixture.wrong.domain.Customer;
import dev.enroll.architecture.fixture.wrong.domain.SelfRegisteringCustomer;
import dev.enroll.architecture.fixture.wrong.domain.chicken.Chicken;
import dev.enroll.architecture.fixture.wrong.domain.egg.Egg;
import dev.enroll.architecture.fixture.wrong.web.StrayController;
import com.github.benmanes.caffeine.cache.Cache;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Counter;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules judged on fixtures instead of production code. Each rule must reject the
 * {@code wrong} fixture and name the class that breaks it, otherwise its passing on the real
 * code could mean it checks nothing; and each must accept the {@code right} fixture, the
 * intended shape in miniature, otherwise it would reject code that has not been written yet.
 */
class LayerRulesTest {

    private static final String WRONG = "dev.enroll.architecture.fixture.wrong";
    private static final String RIGHT = "dev.enroll.architecture.fixture.right";

    // Imported from the test-classes directory on the class path; no DoNotIncludeTests here,
    // the fixture is test code by design.
    private static final JavaClasses WRONG_CLASSES = new ClassFileImporter().importPackages(WRONG);
    private static final JavaClasses RIGHT_CLASSES = new ClassFileImporter().importPackages(RIGHT);

    @Test
    void onion_rejects_an_adapter_using_another_adapter() {
        assertReported(LayerRules.onion(WRONG), CustomerRoutes.class, JdbcCustomerStore.class);
    }

    @Test
    void onion_rejects_the_domain_using_an_application_service() {
        assertReported(LayerRules.onion(WRONG), SelfRegisteringCustomer.class, RegisterCustomerService.class);
    }

    @Test
    void onion_rejects_a_port_using_a_service() {
        assertReported(LayerRules.onion(WRONG), CustomerStore.class, RegisterCustomerService.class);
    }

    @Test
    void onion_rejects_a_class_outside_every_layer() {
        assertReported(LayerRules.onion(WRONG), StrayController.class);
    }

    @Test
    void onion_rejects_a_layer_without_classes() {
        // As if the adapter modules had dropped off the class path: only the domain is imported.
        JavaClasses domainOnly = new ClassFileImporter().importPackages(WRONG + ".domain");

        EvaluationResult result = LayerRules.onion(WRONG).evaluate(domainOnly);

        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(violation -> assertThat(violation).contains("http adapter", "is empty"));
    }

    @Test
    void domain_rule_rejects_a_jackson_annotation_in_the_domain() {
        assertReported(LayerRules.domainUsesOnlyTheJdk(WRONG), Customer.class, JsonProperty.class);
    }

    @Test
    void application_rule_rejects_a_data_source_in_a_service() {
        assertReported(LayerRules.applicationUsesOnlyDomainJdkAndPhoneNumbers(WRONG),
                RegisterCustomerService.class, DataSource.class);
    }

    @Test
    void application_rule_rejects_micrometer_in_a_service() {
        // Metrics are the adapters' and bootstrap's: the use cases stay free of Micrometer.
        assertReported(LayerRules.applicationUsesOnlyDomainJdkAndPhoneNumbers(WRONG),
                CountingCustomerService.class, Counter.class);
    }

    @Test
    void http_framework_rule_rejects_jackson_outside_the_http_adapter() {
        assertReported(LayerRules.httpFrameworksOnlyInHttpAdapter(WRONG), Customer.class, JsonProperty.class);
    }

    @Test
    void command_line_rule_rejects_a_progress_bar_in_an_adapter() {
        assertReported(LayerRules.commandLineFrameworksOnlyInBootstrap(WRONG), UploadProgress.class, ProgressBar.class);
    }

    @Test
    void http_framework_rule_rejects_javalin_in_bootstrap() {
        assertReported(LayerRules.httpFrameworksOnlyInHttpAdapter(WRONG), Wiring.class, Javalin.class);
    }

    @Test
    void persistence_framework_rule_rejects_jdbc_in_the_domain() {
        assertReported(LayerRules.persistenceFrameworksOnlyInPersistenceAdapter(WRONG),
                Customer.class, Connection.class);
    }

    @Test
    void persistence_framework_rule_rejects_a_data_source_in_the_application() {
        assertReported(LayerRules.persistenceFrameworksOnlyInPersistenceAdapter(WRONG),
                RegisterCustomerService.class, DataSource.class);
    }

    @Test
    void persistence_framework_rule_rejects_a_data_source_in_bootstrap() {
        assertReported(LayerRules.persistenceFrameworksOnlyInPersistenceAdapter(WRONG),
                Wiring.class, DataSource.class);
    }

    @Test
    void cache_rule_rejects_a_cache_in_bootstrap() {
        assertReported(LayerRules.cachesOnlyInAdapters(WRONG), Wiring.class, Cache.class);
    }

    @Test
    void port_rule_rejects_an_adapter_calling_a_service() {
        assertReported(LayerRules.adaptersUsePortsNotServices(WRONG),
                CustomerRoutes.class, RegisterCustomerService.class);
    }

    @Test
    void bootstrap_rule_rejects_an_adapter_reading_from_bootstrap() {
        assertReported(LayerRules.nothingDependsOnBootstrap(WRONG), JdbcCustomerStore.class, Wiring.class);
    }

    @Test
    void cycle_rule_rejects_two_packages_that_use_each_other() {
        assertReported(LayerRules.noPackageCycles(WRONG), Chicken.class, Egg.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badlyNamedClasses")
    void naming_rule_rejects_a_meaningless_suffix(Class<?> badlyNamed) {
        assertReported(LayerRules.noMeaninglessClassNameSuffixes(WRONG), badlyNamed);
    }

    static Stream<Class<?>> badlyNamedClasses() {
        return Arrays.stream(BadlyNamed.class.getDeclaredClasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allRules")
    void the_intended_shape_breaks_no_rule(String name, Function<String, ArchRule> rule) {
        EvaluationResult result = rule.apply(RIGHT).evaluate(RIGHT_CLASSES);

        assertThat(result.getFailureReport().getDetails()).as(name).isEmpty();
    }

    static Stream<Arguments> allRules() {
        return Stream.of(
                rule("onion", LayerRules::onion),
                rule("domain uses only the JDK", LayerRules::domainUsesOnlyTheJdk),
                rule("application uses only domain, JDK and phone numbers",
                        LayerRules::applicationUsesOnlyDomainJdkAndPhoneNumbers),
                rule("HTTP frameworks only in the HTTP adapter", LayerRules::httpFrameworksOnlyInHttpAdapter),
                rule("persistence frameworks only in the persistence adapter",
                        LayerRules::persistenceFrameworksOnlyInPersistenceAdapter),
                rule("caches only in adapters", LayerRules::cachesOnlyInAdapters),
                rule("command line frameworks only in bootstrap", LayerRules::commandLineFrameworksOnlyInBootstrap),
                rule("adapters use ports, not services", LayerRules::adaptersUsePortsNotServices),
                rule("nothing depends on bootstrap", LayerRules::nothingDependsOnBootstrap),
                rule("no package cycles", LayerRules::noPackageCycles),
                rule("no meaningless class name suffixes", LayerRules::noMeaninglessClassNameSuffixes));
    }

    // A rule added to LayerRules but forgotten in allRules() would never be shown to accept the
    // intended shape.
    @Test
    void every_rule_is_judged_on_the_right_fixture() {
        long rulesInLayerRules = Arrays.stream(LayerRules.class.getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()))
                .filter(method -> ArchRule.class.isAssignableFrom(method.getReturnType()))
                .count();

        assertThat(allRules()).as("rules listed in allRules()").hasSize((int) rulesInLayerRules);
    }

    private static Arguments rule(String name, Function<String, ArchRule> rule) {
        return Arguments.of(name, rule);
    }

    /**
     * The rule reports a violation, and one reported violation names all the given classes -
     * e.g. the offender and what it must not use - so the right thing is rejected for the right
     * reason, not merely something somewhere.
     */
    private static void assertReported(ArchRule rule, Class<?>... named) {
        EvaluationResult result = rule.evaluate(WRONG_CLASSES);
        String[] names = Arrays.stream(named).map(Class::getName).toArray(String[]::new);

        assertThat(result.hasViolation()).as("%s has a violation", rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .as("violations of %s", rule.getDescription())
                .anySatisfy(violation -> assertThat(violation).contains(names));
    }
}
