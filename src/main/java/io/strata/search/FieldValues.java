package io.strata.search;

import io.strata.index.IdTerms;
import io.strata.index.IndexSchema;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How the values of a field look in the index and to users: terms (ids in their compact form) and,
 * for numbers, points under the field's numeric twin.
 */
public final class FieldValues {

  private FieldValues() {}

  /** The value of {@code term} of {@code field} as users see and type it. */
  public static String display(String field, BytesRef term) {
    return IdTerms.FIELDS.contains(field) ? IdTerms.decode(term) : term.utf8ToString();
  }

  /** A number as users see it: without a fraction when it has none. */
  public static String display(double number) {
    if (number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString((long) number);
    }
    return Double.toString(number);
  }

  /** The term under which {@code value} of {@code field} is indexed. */
  public static BytesRef term(String field, String value) {
    return IdTerms.FIELDS.contains(field) ? IdTerms.encode(value) : new BytesRef(value);
  }

  /** The events whose {@code field} has exactly {@code value}, as text or as the number it reads as. */
  public static Query exact(String field, String value) {
    Query term = new TermQuery(new Term(field, term(field, value)));
    double number = parseNumber(value);
    if (Double.isNaN(number)) {
      return term;
    }
    return new BooleanQuery.Builder()
        .add(term, BooleanClause.Occur.SHOULD)
        .add(DoublePoint.newExactQuery(IndexSchema.numeric(field), number), BooleanClause.Occur.SHOULD)
        .build();
  }

  private static double parseNumber(String value) {
    if (value.isEmpty() || value.length() > 32) {
      return Double.NaN;
    }
    char first = value.charAt(0);
    if (!(first == '-' || first == '.' || (first >= '0' && first <= '9'))) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
