package io.muxlab.harness.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesOneObjectPerLineWithEscapesAndNullsForMissingFigures() {
        Map<String, Long> calls = new LinkedHashMap<>();
        calls.put("read", 3L);
        calls.put("write", 4L);
        JsonWriter w = new JsonWriter().beginArray();
        w.beginObject().field("server", "a\"b\\c\n").field("n", 3).field("x", 1.5).field("nan", Double.NaN)
                .field("none", (String) null).field("ok", true).field("calls", calls).endObject();
        w.beginObject().field("n", 4).endObject();
        w.endArray();
        assertEquals("[\n{\"server\":\"a\\\"b\\\\c\\n\",\"n\":3,\"x\":1.5,\"nan\":null,\"none\":null,\"ok\":true,"
                + "\"calls\":{\"read\":3,\"write\":4}},\n{\"n\":4}\n]\n", w.toString());
    }

    @Test
    void aFractionThatRoundsToAWholeNumberIsStillJson() {
        JsonWriter w = new JsonWriter().beginObject().field("a", 2.99999).field("b", 10.00004).field("c", 0.25).endObject();
        assertEquals("{\"a\":3,\"b\":10,\"c\":0.25}", w.toString().strip());
    }
}
