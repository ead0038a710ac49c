import { describe, expect, test } from "vitest";
import { semicolonCsvRows } from "./semicolonCsvRows.js";

describe("semicolonCsvRows", () => {
  test("splits lines on semicolons, dropping a byte-order mark and CRLF", () => {
    expect([...semicolonCsvRows("\uFEFFa;b\r\n1;2\r\n")]).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  test("reads quoted fields holding semicolons, doubled quotes and line breaks", () => {
    expect([...semicolonCsvRows('"x;y";"dit ""le"" bas";"deux\nlignes"\n')]).toEqual([["x;y", 'dit "le" bas', "deux\nlignes"]]);
  });

  test("keeps empty fields and skips blank lines", () => {
    expect([...semicolonCsvRows("a;;c;\n\n1;2;3;4")]).toEqual([
      ["a", "", "c", ""],
      ["1", "2", "3", "4"],
    ]);
  });
});
