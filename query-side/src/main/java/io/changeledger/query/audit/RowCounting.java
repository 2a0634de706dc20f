package io.changeledger.query.audit;

import io.changeledger.query.web.Page;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.Collection;

/**
 * Notes how many rows an answer holds, for {@link AuditorRequestFilter}: a page of any feature, a list, or one of
 * the auditor API's own answers. Other answers (one item, an export) leave the count unknown.
 */
@ControllerAdvice
class RowCounting implements ResponseBodyAdvice<Object> {

    static final String ATTRIBUTE = RowCounting.class.getName() + ".rows";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        Integer rows = body instanceof Page<?> page ? Integer.valueOf(page.items().size())
                : body instanceof Counted counted ? Integer.valueOf(counted.rowCount())
                : body instanceof Collection<?> collection ? Integer.valueOf(collection.size()) : null;
        if (rows != null && request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(ATTRIBUTE, rows);
        }
        return body;
    }
}
