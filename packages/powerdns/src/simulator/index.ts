/**
 * `@cloudmux/powerdns/simulator`: a PowerDNS Authoritative HTTP API v1 simulator for tests and
 * examples (loopback, port 0).
 * @module
 */
export { PowerDnsSimulator, type PowerDnsSimulatorOptions } from './powerdns-simulator.js';
export { dateSerial, editedSerial } from './model.js';
