package dev.enroll.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Rules of the HTTP adapter that a new route must not have to remember. */
@AnalyzeClasses(packages = "dev.enroll.adapter.http", importOptions = ImportOption.DoNotIncludeTests.class)
class HttpAdapterRulesTest {

    /**
     * Javalin decodes query parameters with the charset the body declares, and drops them all
     * when it does not know it; {@code QueryString} decodes them as UTF-8, always.
     */
    @ArchTest
    static final ArchRule the_query_is_read_only_through_QueryString = onlyIn("QueryString",
            "io.javalin.http.Context", "queryParam.*", "Javalin reads the query with the body's charset (QueryString)");

    /** Javalin answers HEAD without running the GET route or its access rule; HeadRoutes' servers do not. */
    @ArchTest
    static final ArchRule servers_are_created_only_through_HeadRoutes = onlyIn("HeadRoutes",
            "io.javalin.Javalin", "create",
            "a server created otherwise answers HEAD without its GET route's checks (HeadRoutes)");

    /** Only the class named {@code allowed} calls {@code owner}'s methods matching {@code methods}. */
    private static ArchRule onlyIn(String allowed, String owner, String methods, String because) {
        return noClasses().that().doNotHaveSimpleName(allowed)
                .should().callMethodWhere(target(owner(HasName.Predicates.name(owner))).and(target(nameMatching(methods))))
                .because(because);
    }
}
