package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.propertylistings.support.Http;
import io.propertylistings.support.PayaraMicroEnvironment;
import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({PayaraMicroEnvironment.class, ArquillianExtension.class})
class SmokeIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @ArquillianResource
    URL base;

    @Test
    void lists() throws Exception {
        var http = new Http(base.toURI());
        var r = http.get("properties/");
        System.out.println(r.statusCode() + " " + r.headers().map() + " " + Http.text(r));
        var p = http.send("POST", "properties/", "application/json", "{\"title\":\"A\",\"description\":\"d\",\"price\":250000,\"location\":\"NY\"}");
        System.out.println(p.statusCode() + " " + p.headers().map() + " " + Http.text(p));
        r = http.get("properties/");
        System.out.println(r.statusCode() + " " + r.headers().map() + " " + Http.text(r));
        r = http.get("properties");
        System.out.println(r.statusCode() + " " + r.headers().map() + " " + Http.text(r));
        r = http.get("properties");
        System.out.println(r.statusCode() + " " + r.headers().map() + " " + Http.text(r));
        assertEquals(200, r.statusCode());
    }
}
