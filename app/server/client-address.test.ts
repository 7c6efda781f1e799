import { describe, expect, it } from "vitest";
import { EnvSchema } from "~/utils/env.server";
import { isProxyEntry, resolveClientAddress, trustedProxies } from "./client-address";

describe("TRUSTED_PROXIES", () => {
  it("accepts addresses and CIDR ranges of both families, and refuses anything else at start-up", () => {
    expect(EnvSchema.parse({ TRUSTED_PROXIES: " 10.0.0.1, 192.168.0.0/16 ,fd00::/8,::1" }).TRUSTED_PROXIES).toEqual([
      "10.0.0.1",
      "192.168.0.0/16",
      "fd00::/8",
      "::1",
    ]);
    expect(EnvSchema.parse({}).TRUSTED_PROXIES).toEqual([]);
    for (const bad of ["proxy.example.com", "10.0.0.0/33", "10.0.0.1/", "::1/129", "10.0.0.1/8/8", "*"]) {
      expect(isProxyEntry(bad), bad).toBe(false);
      expect(EnvSchema.safeParse({ TRUSTED_PROXIES: bad }).success, bad).toBe(false);
    }
  });
});

describe("client address", () => {
  const proxies = trustedProxies(["10.0.0.0/8", "::1"]);

  it("ignores X-Forwarded-For from a socket that is not a trusted proxy", () => {
    expect(resolveClientAddress("198.51.100.7", "1.2.3.4", proxies)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.7", "1.2.3.4", trustedProxies([]))).toBe("198.51.100.7");
  });

  it("reads X-Forwarded-For from a trusted proxy, from the right, skipping trusted hops", () => {
    expect(resolveClientAddress("10.0.0.2", "203.0.113.5", proxies)).toBe("203.0.113.5");
    expect(resolveClientAddress("::ffff:10.0.0.2", "203.0.113.5, 10.1.1.1", proxies)).toBe("203.0.113.5");
    expect(resolveClientAddress("::1", "2001:db8::5", proxies)).toBe("2001:db8::5");
  });

  it("cannot be forged past the proxies: a client's own X-Forwarded-For entries are left of its real address", () => {
    // The client sent "X-Forwarded-For: 10.9.9.9, 1.1.1.1"; the proxy appended the real address.
    expect(resolveClientAddress("10.0.0.2", "10.9.9.9, 1.1.1.1, 198.51.100.9", proxies)).toBe("198.51.100.9");
    // Garbage in the list ends the walk at the proxy that reported it.
    expect(resolveClientAddress("10.0.0.2", "not-an-ip", proxies)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "", proxies)).toBe("10.0.0.2");
    expect(resolveClientAddress(undefined, "1.2.3.4", proxies)).toBe("unknown");
  });
});
