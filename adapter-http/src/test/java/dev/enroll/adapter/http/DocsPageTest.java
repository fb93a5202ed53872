package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /docs} in a real browser: headless Chromium renders the page from the service alone
 * (Swagger UI from the jar, the document from {@code /openapi.json}) and shows every path of the
 * document. A screenshot is left in {@code target/docs-page.png} for people to look at.
 */
class DocsPageTest {

    @Test
    void the_docs_page_shows_every_path_of_the_document(@TempDir Path work) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find(work);
        try (TestApi api = TestApi.start()) {
            String page = "http://localhost:" + api.port + "/docs";
            Reply html = api.get("/docs", null);
            List<String> paths = new ArrayList<>();
            api.get("/openapi.json", null).json().path("paths").fieldNames().forEachRemaining(paths::add);

            String dom = chromium.dom(page);
            chromium.screenshot(page, Path.of("target", "docs-page.png"));

            assertThat(html.status()).isEqualTo(200);
            assertThat(html.body()).doesNotContain("http://", "https://");
            assertThat(paths).isNotEmpty().allSatisfy(path ->
                    assertThat(dom).as("the page shows " + path).contains("data-path=\"" + path + "\""));
        }
    }
}
