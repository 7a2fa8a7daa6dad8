/** schema.org Event for an activity page (https://schema.org/Event), for search engines and calendar apps. */
import type { Site } from "../../schemas/site.ts";
import type { VolunteerData } from "../../schemas/volunteer.ts";

export function activityJsonLd(a: { data: VolunteerData }, url: string, site: Pick<Site, "city">): Record<string, unknown> {
  const d = a.data;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: d.title,
    description: d.summary,
    startDate: d.start,
    endDate: d.end,
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    isAccessibleForFree: true,
    url,
    location: { "@type": "Place", name: d.place.station, address: { "@type": "PostalAddress", streetAddress: d.place.address, addressLocality: site.city, addressCountry: "CN" } },
    organizer: { "@type": "Organization", name: `${d.organiser.name} ${d.organiser.team}` },
    maximumAttendeeCapacity: d.recruit,
    offers: { "@type": "Offer", url: d.registration, price: 0, priceCurrency: "CNY", availability: "https://schema.org/InStock" },
  };
}
