package io.sluice.common.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressClassTests {

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource({ "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED", "127.0.0.1, LOOPBACK",
			"127.255.0.9, LOOPBACK", "::1, LOOPBACK", "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE",
			"172.16.0.1, PRIVATE", "172.31.255.254, PRIVATE", "192.168.1.1, PRIVATE", "100.64.0.1, PRIVATE",
			"100.127.255.255, PRIVATE", "fec0::1, PRIVATE", "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL",
			"fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL", "fc00::1, UNIQUE_LOCAL", "fd12:3456::1, UNIQUE_LOCAL",
			"224.0.0.1, MULTICAST", "239.255.255.255, MULTICAST", "ff02::1, MULTICAST", "240.0.0.1, RESERVED",
			"255.255.255.255, RESERVED", "192.0.0.8, RESERVED", "192.0.2.1, RESERVED", "198.18.0.1, RESERVED",
			"198.51.100.7, RESERVED", "203.0.113.9, RESERVED", "2001:db8::1, RESERVED", "2001::1, RESERVED",
			"100::1, RESERVED", "::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, LINK_LOCAL",
			"::10.0.0.1, PRIVATE", "64:ff9b::a9fe:a9fe, LINK_LOCAL", "2002:0a00:0001::1, PRIVATE",
			"2002:5db8:d822::1, PUBLIC", "93.184.216.34, PUBLIC", "8.8.8.8, PUBLIC", "172.15.255.255, PUBLIC",
			"172.32.0.1, PUBLIC", "100.63.255.255, PUBLIC", "100.128.0.1, PUBLIC", "169.253.1.1, PUBLIC",
			"223.255.255.255, PUBLIC", "11.0.0.1, PUBLIC", "2606:4700::1111, PUBLIC", "64:ff9b::808:808, PUBLIC" })
	void classifiesAddresses(String address, AddressClass expected) throws UnknownHostException {
		assertThat(AddressClass.of(InetAddress.getByName(address))).isEqualTo(expected);
	}

}
