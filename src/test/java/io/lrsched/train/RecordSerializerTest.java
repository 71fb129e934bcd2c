package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSerializerTest {

  @Test
  void shouldRoundTripARecordResolvingItsClassWithTheLoaderSparkGivesKryo() {
    Kryo kryo = new Kryo();
    new KryoSetup().registerClasses(kryo);
    // Registered, so that Kryo itself never resolves the name: only the serializer can ask the loader.
    kryo.register(WorkerLayout.class);
    List<String> asked = new ArrayList<>();
    kryo.setClassLoader(new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        asked.add(name);
        return super.loadClass(name, resolve);
      }
    });
    WorkerLayout layout = new WorkerLayout(2, 128, 5);

    Output out = new Output(256, -1);
    kryo.writeClassAndObject(out, layout);
    Object back = kryo.readClassAndObject(new Input(out.toBytes()));

    assertEquals(layout, back);
    assertTrue(asked.contains(WorkerLayout.class.getName()), "classes resolved through Kryo's loader: " + asked);
  }
}
