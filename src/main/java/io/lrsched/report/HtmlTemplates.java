package io.lrsched.report;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * The HTML pages' templates ({@code src/main/resources/templates/*.ftlh}, FreeMarker with HTML auto-escaping: every
 * value is escaped unless a template says otherwise). Pages are self-contained: images go in as {@code data:} URIs,
 * styles inline, no scripts and no network.
 */
public final class HtmlTemplates {

  private static final Configuration CONFIG = configuration();

  private HtmlTemplates() {}

  /**
   * Renders a template with a model of strings, numbers, booleans, lists and maps.
   *
   * @param name the template's file name, e.g. {@code run-report.ftlh}
   * @throws IllegalStateException if the template is broken (a bug, not a user error)
   */
  public static String render(String name, Map<String, Object> model) {
    try {
      Template template = CONFIG.getTemplate(name);
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load template " + name, e);
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
    }
  }

  /** A PNG as a {@code data:} URI for an {@code <img src>}. */
  public static String pngDataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  private static Configuration configuration() {
    Configuration config = new Configuration(Configuration.VERSION_2_3_35);
    config.setClassForTemplateLoading(HtmlTemplates.class, "/templates");
    config.setDefaultEncoding("UTF-8");
    // .ftlh selects the HTML output format, which escapes every ${...} by default.
    config.setRecognizeStandardFileExtensions(true);
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    return config;
  }
}
