import { describe, expect, it } from "vitest";
import { limitedAddress } from "./limitedAddress";

describe("limitedAddress", () => {
  it("counts an IPv4 address whole", () => {
    expect(limitedAddress("192.0.2.10")).toBe("192.0.2.10");
    expect(limitedAddress("192.0.2.11")).not.toBe(limitedAddress("192.0.2.10"));
  });

  it("counts every IPv6 address of one /64 as one, however it is written", () => {
    const one = limitedAddress("2001:db8:1:2::1");
    expect(one).toBe("2001:db8:1:2::/64");
    for (const same of ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:0DB8:0001:0002:0000:0000:0000:0abc", "2001:db8:1:2:a:b:c:d"])
      expect(limitedAddress(same), same).toBe(one);
    for (const other of ["2001:db8:1:3::1", "2001:db8:2:2::1", "2001:db9:1:2::1"]) expect(limitedAddress(other), other).not.toBe(one);
  });

  it("counts an IPv4 address shown as IPv6 by a dual-stack socket as the IPv4 address", () => {
    expect(limitedAddress("::ffff:192.0.2.10")).toBe("192.0.2.10");
    expect(limitedAddress("::ffff:c000:20a")).toBe("192.0.2.10");
  });

  it("keeps what is not an address as it is", () => {
    expect(limitedAddress("unknown")).toBe("unknown");
    expect(limitedAddress("")).toBe("");
  });
});
