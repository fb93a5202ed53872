package dev.enroll.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The contract for machines and for people, without authentication: the OpenAPI document at
 * {@code /openapi.json} and {@code /openapi.yaml}, and {@code /docs}, a Swagger UI page that
 * renders it. Swagger UI's assets come from its webjar inside the service's own jar, so the page
 * works offline and loads nothing from elsewhere.
 */
final class DocsRoutes {

    static final String JSON = "/openapi.json";
    static final String YAML = "/openapi.yaml";
    static final String PAGE = "/docs";
    static final String ASSET = "/docs/{asset}";

    private static final String SWAGGER_UI = swaggerUiFolder();
    /** What the page may load: our start-up script, and Swagger UI's script and style sheet. */
    private static final Map<String, Asset> ASSETS = Map.of(
            "init.js", new Asset("/docs/init.js", "text/javascript;charset=utf-8"),
            "swagger-ui-bundle.js", new Asset(SWAGGER_UI + "swagger-ui-bundle.js", "text/javascript;charset=utf-8"),
            "swagger-ui.css", new Asset(SWAGGER_UI + "swagger-ui.css", "text/css;charset=utf-8"));

    private final ApiDocument document;
    private final byte[] page;

    DocsRoutes(ApiDocument document) {
        this.document = document;
        this.page = read("/docs/index.html");
    }

    void register(Javalin app) {
        app.get(JSON, ctx -> ctx.contentType(JsonResponse.CONTENT_TYPE).result(document.json()), Access.PUBLIC);
        app.get(YAML, ctx -> ctx.contentType("application/yaml;charset=utf-8").result(document.yaml()), Access.PUBLIC);
        app.get(PAGE, ctx -> ctx.contentType("text/html;charset=utf-8").result(page), Access.PUBLIC);
        app.get(ASSET, this::asset, Access.PUBLIC);
    }

    private void asset(Context ctx) {
        Asset asset = ASSETS.get(ctx.pathParam("asset"));
        if (asset == null) {
            throw new NotFoundResponse();
        }
        // Public, versioned files with no personal data: unlike the API's answers, these may be cached.
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(asset.contentType()).result(DocsRoutes.class.getResourceAsStream(asset.resource()));
    }

    private record Asset(String resource, String contentType) {
    }

    /** The webjar's folder is named for its version, which the build writes into docs.properties. */
    private static String swaggerUiFolder() {
        Properties docs = new Properties();
        try (InputStream in = DocsRoutes.class.getResourceAsStream("/docs.properties")) {
            docs.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("docs.properties is missing from the class path", e);
        }
        return "/META-INF/resources/webjars/swagger-ui/" + docs.getProperty("swagger-ui.version") + "/";
    }

    private static byte[] read(String resource) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
