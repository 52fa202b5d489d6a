package dev.demoportal.notification;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail's HTML and plain-text parts from the Thymeleaf templates in
 * {@code src/main/resources/mail/} ({@code <name>.html} and {@code <name>.txt}). Values are escaped
 * in HTML; the text template prints them as they are.
 */
@Component
class MailTemplates {

    /** A rendered mail. */
    record Rendered(String subject, String text, String html) {}

    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");

    Rendered render(String template, String subject, Map<String, Object> model) {
        Context context = new Context(Locale.ENGLISH, model);
        context.setVariable("subject", subject);
        return new Rendered(subject, text.process(template, context), html.process(template, context));
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
