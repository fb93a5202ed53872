package dev.enroll.adapter.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error pages, for the failures that never reach Javalin (a request line or header that
 * cannot be parsed, a bad URI, a request arriving during shutdown), in the API's JSON error shape.
 * Jetty's own pages are HTML and may show the servlet name, a reason text or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, JsonResponse.CONTENT_TYPE);

    JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        ErrorMapping.ErrorResponse error = ErrorMapping.forStatus(code, Map.of());
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        byte[] body = JsonResponse.bytes(ErrorMapping.body(error, failure));
        error.headers().forEach(response::setHeader);
        response.setStatus(error.status());
        response.setContentType(JsonResponse.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        ErrorMapping.ErrorResponse error = ErrorMapping.forStatus(status, Map.of());
        return ByteBuffer.wrap(JsonResponse.bytes(ErrorMapping.body(error, null)));
    }
}
