package dev.lightfast.core.reading;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text the way people expect names and words to match: case, accents and typographic quotes
 * do not matter ({@code Jędrzejczyk} = {@code jedrzejczyk}, {@code “JermaineHua”} = {@code
 * jermainehua}), and any run of punctuation is one space.
 */
public final class Fold {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}@.+_-]+");
    private static final Pattern EDGE_PUNCT = Pattern.compile("(^[._+-]+|[._+-]+$)");

    private Fold() {}

    /** Lower case, accents removed, letters that do not decompose mapped to their base letter. */
    public static String letters(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String stripped = MARKS.matcher(decomposed).replaceAll("");
        var sb = new StringBuilder(stripped.length());
        for (char c : stripped.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case 'ł' -> sb.append('l');
                case 'ø' -> sb.append('o');
                case 'đ', 'ð' -> sb.append('d');
                case 'ß' -> sb.append("ss");
                case 'æ' -> sb.append("ae");
                case 'œ' -> sb.append("oe");
                case 'ı' -> sb.append('i');
                case 'þ' -> sb.append("th");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The folded words of a text; emails and dotted names stay whole, edge punctuation goes. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : NOT_WORD.split(letters(text))) {
            String t = EDGE_PUNCT.matcher(w).replaceAll("");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The folded words joined by single spaces: the form names are compared in. */
    public static String phrase(String text) {
        return String.join(" ", words(text));
    }
}
