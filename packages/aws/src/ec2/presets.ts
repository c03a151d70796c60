import { Ec2NodeDriver, type Ec2DriverClass } from './driver.js';
import { EUCALYPTUS_PROVIDER, NIMBUS_PROVIDER } from './providers.js';

/** {@link Ec2NodeDriver} bound to the Eucalyptus preset (`new EucalyptusNodeDriver(key, secret, { host })`). */
export const EucalyptusNodeDriver: Ec2DriverClass = Ec2NodeDriver.withProvider(EUCALYPTUS_PROVIDER);

/** {@link Ec2NodeDriver} bound to the Nimbus preset (`new NimbusNodeDriver(key, secret, { host })`). */
export const NimbusNodeDriver: Ec2DriverClass = Ec2NodeDriver.withProvider(NIMBUS_PROVIDER);
