import { expect } from 'chai';
import { dueAt, localTime } from '@server/notifications/digest.time';

describe('digest time', () => {
  describe('localTime', () => {
    it('reads the wall clock of the time zone, across the date line and daylight saving', () => {
      expect(localTime(new Date('2030-01-07T02:30:00Z'), 'America/Mexico_City')).to.deep.equal({
        date: '2030-01-06',
        hour: 20,
        weekday: 7,
      });
      expect(localTime(new Date('2030-01-06T23:00:00Z'), 'Asia/Tokyo')).to.deep.equal({
        date: '2030-01-07',
        hour: 8,
        weekday: 1,
      });
      // Paris is UTC+2 in July, UTC+1 in January.
      expect(localTime(new Date('2030-07-01T06:00:00Z'), 'Europe/Paris').hour).to.equal(8);
      expect(localTime(new Date('2030-01-07T06:00:00Z'), 'Europe/Paris').hour).to.equal(7);
    });
  });

  describe('dueAt', () => {
    it('makes nothing due before 08:00 local', () => {
      expect(dueAt(new Date('2030-01-07T10:59:00Z'), 'America/Sao_Paulo').frequencies).to.deep.equal([]);
    });

    it('makes daily digests due every morning and weekly ones on Monday, keyed by the local date', () => {
      expect(dueAt(new Date('2030-01-07T11:00:00Z'), 'America/Sao_Paulo')).to.deep.equal({
        period: '2030-01-07',
        frequencies: ['daily', 'weekly'],
      });
      expect(dueAt(new Date('2030-01-08T11:00:00Z'), 'America/Sao_Paulo')).to.deep.equal({
        period: '2030-01-08',
        frequencies: ['daily'],
      });
    });

    it('keeps a late-evening run on the same local day (a server down all morning catches up)', () => {
      expect(dueAt(new Date('2030-01-08T02:00:00Z'), 'America/Sao_Paulo')).to.deep.equal({
        period: '2030-01-07',
        frequencies: ['daily', 'weekly'],
      });
    });
  });
});
