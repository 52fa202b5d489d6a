package dev.demoportal.base.api;

import dev.demoportal.base.InputRules;
import dev.demoportal.base.ValidationFailed;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Checks every argument of the portal's API endpoints against {@link InputRules} once Spring MVC
 * has read it and before the endpoint runs: query and path parameters by their names, request
 * bodies field by field. So no endpoint sees a time in the year 1000000000, a duration of 292
 * billion years or a NUL in a text, and none needs a check of its own.
 */
class ArgumentChecks implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getArgumentResolvers() != null) {
            adapter.setArgumentResolvers(adapter.getArgumentResolvers().stream()
                    .<HandlerMethodArgumentResolver>map(Checked::new)
                    .toList());
        }
        return bean;
    }

    private record Checked(HandlerMethodArgumentResolver resolver) implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return resolver.supportsParameter(parameter);
        }

        @Override
        public @Nullable Object resolveArgument(
                MethodParameter parameter,
                @Nullable ModelAndViewContainer mav,
                NativeWebRequest request,
                @Nullable WebDataBinderFactory binders)
                throws Exception {
            Object value = resolver.resolveArgument(parameter, mav, request, binders);
            if (parameter.getContainingClass().getPackageName().startsWith("dev.demoportal")) {
                List<ValidationFailed.FieldError> errors = InputRules.check(name(parameter), value);
                if (!errors.isEmpty()) {
                    throw new ValidationFailed(errors);
                }
            }
            return value;
        }

        /** The name the caller used: a body's fields stand for themselves. */
        private static String name(MethodParameter parameter) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return "";
            }
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && !param.name().isEmpty()) {
                return param.name();
            }
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            if (path != null && !path.name().isEmpty()) {
                return path.name();
            }
            String name = parameter.getParameterName();
            return name == null ? "" : name;
        }
    }
}
