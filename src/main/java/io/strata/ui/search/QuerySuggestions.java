package io.strata.ui.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The query box's suggestions: field names of the range searched as the user types a word, and the
 * field's frequent values after {@code field:}. The server decides what to suggest; the browser
 * draws the list and completes the query itself, so that a click or Enter acts at once on what is
 * shown. The list is redrawn only when its choices change, and never while the pointer is on it:
 * an earlier list, rebuilt by the server on every keystroke, moved its buttons under the click.
 */
final class QuerySuggestions extends Div {

  private static final int MAX = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Asks the server after a pause in typing; answers for a text no longer in the box are ignored.
   * Choosing sets the field's value and sends it as a change, as typing and leaving the box would.
   */
  private static final String CLIENT = """
      const list = this, field = $0;
      if (list.$strata) { return; }
      const input = () => field.inputElement || field.querySelector('input');
      let items = [], shownFor = null, active = -1, hover = false, deferred = null, timer = null;
      const hide = () => {
        // A list hidden under the pointer sends no pointerleave.
        items = []; shownFor = null; active = -1; deferred = null; hover = false;
        list.replaceChildren(); list.style.display = 'none';
      };
      const ask = delay => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const i = input();
          if (!i) { return; }
          list.dispatchEvent(new CustomEvent('query-suggest',
              {detail: {text: i.value, caret: i.selectionStart == null ? i.value.length
                  : i.selectionStart}}));
        }, delay);
      };
      const mark = () => list.querySelectorAll('.query-suggestion').forEach((e, n) => {
        e.toggleAttribute('active', n === active);
        e.style.background = n === active ? 'var(--lumo-primary-color-10pct)' : '';
        if (n === active) { e.scrollIntoView({block: 'nearest'}); }
      });
      const choose = n => {
        const i = input();
        // Drawn for a text since changed (typed on while pointing at the list): its completions
        // would undo the typing, so the current choices are shown instead.
        if (i.value !== shownFor) {
          if (deferred) { const next = deferred; deferred = null; draw(next.text, next.items); }
          return;
        }
        const item = items[n];
        field.value = item.text;
        i.value = item.text;
        i.focus();
        i.setSelectionRange(item.caret, item.caret);
        hide();
        i.dispatchEvent(new Event('change', {bubbles: true}));
        // A field name chosen goes on to its values.
        ask(0);
      };
      const draw = (text, next) => {
        shownFor = text; items = next; active = -1;
        list.replaceChildren();
        if (!items.length) { hide(); return; }
        items.forEach((item, n) => {
          const row = document.createElement('div');
          row.className = 'query-suggestion';
          row.setAttribute('role', 'option');
          row.dataset.label = item.label;
          row.textContent = item.label;
          row.style.cssText = 'padding: var(--lumo-space-xs) var(--lumo-space-s); cursor: pointer;'
              + ' white-space: nowrap; overflow: hidden; text-overflow: ellipsis';
          // Keeps the focus (and the caret) in the query box.
          row.addEventListener('mousedown', e => e.preventDefault());
          row.addEventListener('click', () => choose(n));
          list.appendChild(row);
        });
        list.style.display = '';
      };
      list.addEventListener('pointerenter', () => { hover = true; });
      list.addEventListener('pointerleave', () => {
        hover = false;
        if (document.activeElement !== input()) {
          hide();
        } else if (deferred) {
          const next = deferred; deferred = null; draw(next.text, next.items);
        }
      });
      list.$strata = {
        show(text, json) {
          const i = input();
          if (!i || i.value !== text || document.activeElement !== i && !field.contains(
              document.activeElement)) { return; }
          const next = JSON.parse(json);
          const labels = list => list.map(item => item.label).join('\\n');
          if (labels(next) === labels(items) && next.length) {
            // The same rows: the completions are taken over without touching them.
            shownFor = text; items = next; deferred = null;
            return;
          }
          if (hover && items.length) { deferred = {text, items: next}; return; }
          draw(text, next);
        }
      };
      field.addEventListener('input', () => ask(150));
      field.addEventListener('focusout', () => { if (!hover) { hide(); } });
      field.addEventListener('keydown', e => {
        if (!items.length) { return; }
        if (e.key === 'Escape') {
          // Closes the list only: Escape in a field with a clear button would empty the query too.
          e.preventDefault();
          e.stopImmediatePropagation();
          hide();
          return;
        }
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          active = e.key === 'ArrowDown' ? (active + 1) % items.length
              : active <= 0 ? items.length - 1 : active - 1;
          mark();
        } else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) {
          // Chosen, not searched: no keypress follows a keydown whose default is prevented.
          e.preventDefault();
          e.stopImmediatePropagation();
          choose(active);
        } else if (e.key === 'Enter') {
          // Searched as typed: the list is for the text before the search.
          hide();
        }
      }, true);
      hide();
      """;

  private final Function<String, List<String>> valuesOf;
  private final Map<String, List<String>> values = new HashMap<>();
  private List<String> names = List.of();

  /**
   * Suggestions under {@code query}; {@code valuesOf} gives a field's frequent values in the
   * range searched, and is asked once per field and search.
   */
  QuerySuggestions(TextField query, Function<String, List<String>> valuesOf) {
    this.valuesOf = valuesOf;
    setId("query-suggestions");
    getElement().setAttribute("role", "listbox");
    getStyle().set("position", "absolute").set("top", "100%").set("left", "0")
        .set("min-width", "16rem").set("max-width", "100%").set("max-height", "18rem")
        .set("overflow-y", "auto").set("z-index", "1000")
        .set("background", "var(--lumo-base-color)").set("box-shadow", "var(--lumo-box-shadow-m)")
        .set("border-radius", "var(--lumo-border-radius-m)")
        .set("font-size", "var(--lumo-font-size-s)");
    getElement().addEventListener("query-suggest", e -> suggest(
            e.getEventData().get("event.detail.text").asString(),
            e.getEventData().get("event.detail.caret").asInt()))
        .addEventData("event.detail.text").addEventData("event.detail.caret");
    addAttachListener(e -> getElement().executeJs(CLIENT, query.getElement()));
  }

  /** A new search ran: the names of its range, and its values to be asked again. */
  void searched(List<String> fieldNames) {
    names = List.copyOf(fieldNames);
    values.clear();
  }

  private void suggest(String text, int caret) {
    QueryCompletion.Token token = QueryCompletion.at(text, caret);
    List<QueryCompletion.Suggestion> found;
    if (token == null) {
      found = List.of();
    } else if (token.field() == null) {
      found = QueryCompletion.fieldNames(text, token, names, MAX);
    } else if (names.contains(token.field())) {
      // Only fields of the range: their values are worth a facet count, a typo's are not.
      found = QueryCompletion.values(text, token,
          values.computeIfAbsent(token.field(), valuesOf), MAX);
    } else {
      found = List.of();
    }
    try {
      getElement().executeJs("this.$strata && this.$strata.show($0, $1)", text,
          JSON.writeValueAsString(found));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("suggestions are strings and numbers", e);
    }
  }
}
